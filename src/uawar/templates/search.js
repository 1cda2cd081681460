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

  // The page's language's words (search-index.js sets them with the index): its month names, the sentences.
  var WORDS = window.UAWAR_SEARCH_WORDS;
  var MONTHS = WORDS.months.join("|");
  // A phrase in quotes, a month's name with its year ("March 2026") and a whole date are one term each.
  var PHRASE = new RegExp('"([^"]+)"|\\b((?:' + MONTHS + ')\\s+\\d{4})\\b|(\\S+)', "g");

  function terms(query) {
    var out = [], m, q = query.toLowerCase();
    PHRASE.lastIndex = 0;
    while ((m = PHRASE.exec(q)) !== null) {
      var t = (m[1] || m[2] || m[3] || "").replace(/\s+/g, " ").trim();
      if (t) out.push(t);
    }
    return out;
  }

  // A term matches whole: "2026-03" is not "2026-03-24" and "march 2026" is not "march 2025"; a word
  // may start a longer one ("shahed" finds "shahed-type").
  function whole(text, at, term) {
    var before = at > 0 ? text.charAt(at - 1) : " ";
    var after = text.charAt(at + term.length);
    var dateLike = /^\d{4}(-\d{2}){0,2}$/.test(term) || /\d{4}$/.test(term);
    if (/[\p{L}\p{N}]/u.test(before)) return false;
    if (dateLike && (/[0-9]/.test(after) || (after === "-" && /[0-9]/.test(text.charAt(at + term.length + 1))))) return false;
    return true;
  }

  function count(text, term) {
    var n = 0, at = text.indexOf(term);
    while (at !== -1) { if (whole(text, at, term)) n += 1; at = text.indexOf(term, at + term.length); }
    return n;
  }

  function first(text, term) {
    var at = text.indexOf(term);
    while (at !== -1 && !whole(text, at, term)) at = text.indexOf(term, at + term.length);
    return at;
  }

  // The sentence that holds the hit, from its own text: not the page's opening lines.
  function snippet(doc, term) {
    var at = first(doc.lowerText, term);
    if (at === -1) return doc.text.slice(0, 200);
    var start = Math.max(doc.text.lastIndexOf(". ", at) + 2, doc.text.lastIndexOf("\n", at) + 1, 0);
    var ends = [doc.text.indexOf(". ", at), doc.text.indexOf("\n", at)].filter(function (i) { return i !== -1; });
    var end = ends.length ? Math.min.apply(null, ends) + 1 : doc.text.length;
    if (at - start > 200) start = at - 100;
    if (end - start > 400) end = start + 400;
    return (start > 0 ? "\u2026 " : "") + doc.text.slice(start, end).trim() + (end < doc.text.length ? " \u2026" : "");
  }

  docs.forEach(function (d) {
    d.lowerText = d.text.toLowerCase();
    d.lower = (d.title + " " + d.label + " " + d.text).toLowerCase();
  });
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
    if (!hits.length) { status.textContent = WORDS.nothing.replace("{q}", box.value.trim()); return; }
    status.textContent = (hits.length === 1 ? WORDS.one : WORDS.many)
      .replace("{n}", hits.length).replace("{q}", box.value.trim());
    var longest = wanted.slice().sort(function (a, b) { return b.length - a.length; })[0];
    hits.slice(0, 50).forEach(function (h) {
      var d = h[1], li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
      a.href = d.href || d.name + ".html";
      a.textContent = d.title + (d.label ? " (" + d.label + ")" : "");
      p.textContent = snippet(d, longest);
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
