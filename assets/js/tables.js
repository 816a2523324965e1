/* Search box for long tables (.rpk-searchable): hides the rows that do not contain every
   word typed, accents and case ignored. Without JavaScript the full table shows. A permalink
   (#event-id) to a row of a folded table opens it. */
(function () {
  "use strict";
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function setup(wrap) {
    var tools = wrap.querySelector(".rpk-table-tools");
    var input = wrap.querySelector(".rpk-table-search");
    var count = wrap.querySelector(".rpk-table-count");
    var rows = Array.prototype.slice.call(wrap.querySelectorAll("tbody tr"));
    var texts = rows.map(function (r) { return fold(r.textContent); });
    function update() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        r.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", rows.length);
    }
    tools.hidden = false;
    input.addEventListener("input", update);
    update();
  }
  function reveal() {  // a permalink to a row of a folded table opens the table
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    var box = el && el.closest("details");
    if (box && !box.open) { box.open = true; el.scrollIntoView(); }
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".rpk-searchable"), setup);
    reveal();
    window.addEventListener("hashchange", reveal);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
