// Copy a finding's quote box to the clipboard: the site's own script (the front page's policy allows
// 'self' only). It copies the text the page already shows; it writes no markup.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var text = source ? source.textContent.replace(/\s+/g, " ").trim() : "";
      var done = function () { button.textContent = button.getAttribute("data-copied"); };  // in the page's language
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { select(source); });
      } else {
        select(source);
      }
    });
  });
  function select(node) {  // no clipboard (some file:// pages): select the text for the reader to copy
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
})();
