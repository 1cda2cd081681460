// Full-text search over the reports, offline: search-index.js (loaded before this file by a
// <script src>, so it works from file:// where fetch() cannot) sets window.UAWAR_SEARCH to
// [{name, title, label, text}]. Results are built with textContent only: no text becomes HTML.
(function () {
  "use strict";
  var docs = window.UAWAR_SEARCH || [];
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!box || !list || !status) return;

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function count(text, term) {
    var n = 0, at = text.indexOf(term);
    while (at !== -1) { n += 1; at = text.indexOf(term, at + term.length); }
    return n;
  }

  function snippet(doc, term) {
    var at = doc.lower.indexOf(term);
    var from = Math.max(0, at - 80);
    return (from > 0 ? "\u2026" : "") + doc.text.slice(from, at + term.length + 120) + "\u2026";
  }

  docs.forEach(function (d) { d.lower = (d.title + " " + d.label + " " + d.text).toLowerCase(); });

  function run() {
    var wanted = terms(box.value);
    list.textContent = "";
    if (!wanted.length) { status.textContent = ""; return; }
    var hits = [];
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < wanted.length; i++) {
        var n = count(d.lower, wanted[i]);
        if (!n) return;
        score += n;
      }
      hits.push([score, d]);
    });
    hits.sort(function (a, b) { return b[0] - a[0] || (a[1].name < b[1].name ? -1 : 1); });
    status.textContent = hits.length + (hits.length === 1 ? " report matches" : " reports match") +
      " \u201c" + box.value.trim() + "\u201d.";
    hits.slice(0, 50).forEach(function (h) {
      var d = h[1], li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
      a.href = d.name + ".html";
      a.textContent = d.title + (d.label ? " (" + d.label + ")" : "");
      p.textContent = snippet(d, wanted[0]);
      p.className = "muted";
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  box.addEventListener("input", run);
  var form = document.getElementById("search-form");
  if (form) form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { box.value = q; run(); }
})();
