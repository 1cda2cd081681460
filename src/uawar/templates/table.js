// The month x weapon-class table: filter by period and class, sort by a column. The site's own script
// (the page's policy allows 'self' only); it reorders and hides the rows the page already holds and
// writes no markup: every cell was written, escaped, when the page was built.
(function () {
  "use strict";
  var table = document.getElementById("month-class");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var from = document.getElementById("filter-from");
  var to = document.getElementById("filter-to");
  var cls = document.getElementById("filter-class");
  var status = document.getElementById("filter-status");

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var month = row.getAttribute("data-month");
      var keep = (!from.value || month >= from.value) && (!to.value || month <= to.value) &&
        (!cls.value || row.getAttribute("data-class") === cls.value);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    // the page's own sentence, in its language: "{shown} of {total} rows shown."
    status.textContent = status.getAttribute("data-shown").replace("{shown}", shown).replace("{total}", rows.length);
  }

  function sortBy(index, button) {
    var ascending = button.getAttribute("data-order") !== "ascending";
    Array.prototype.forEach.call(table.querySelectorAll("thead button"), function (b) {
      b.removeAttribute("data-order");
      b.parentNode.removeAttribute("aria-sort");
    });
    button.setAttribute("data-order", ascending ? "ascending" : "descending");
    button.parentNode.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = a.cells[index].getAttribute("data-value") || "";
      var y = b.cells[index].getAttribute("data-value") || "";
      var nx = parseFloat(x), ny = parseFloat(y);
      var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : x > y ? 1 : 0);
      if (x === "" && y !== "") { return 1; }  // blanks (not reported) last either way
      if (y === "" && x !== "") { return -1; }
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.querySelectorAll("thead button"), function (button) {
    button.addEventListener("click", function () {
      sortBy(parseInt(button.getAttribute("data-column"), 10), button);
    });
  });
  [from, to, cls].forEach(function (input) { input.addEventListener("input", apply); });
  document.getElementById("filter-form").addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
