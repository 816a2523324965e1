/* Long tables: a search box (.rpk-searchable) that hides the rows not containing every word typed,
   accents and case ignored; and lazy tables (data-rows): the page holds the first rows, the others
   load from the table's file (written by the build, helpers.site.lazy_tables) when the reader
   opens the table, searches it, asks for every row, or follows a permalink to one of its rows.
   Without JavaScript the first rows show, with a link to the whole table as CSV. */
(function () {
  "use strict";
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  /* Rows from the file: cells are the escaped HTML the table template writes (our own build's),
     parsed into an inert document and moved in, never evaluated as script. */
  function loadRows(wrap) {
    if (!wrap.dataset.rows) { return Promise.resolve(false); }
    if (wrap._rpkLoading) { return wrap._rpkLoading; }
    var button = wrap.querySelector(".rpk-table-load");
    wrap._rpkLoading = fetch(wrap.dataset.rows)
      .then(function (r) { if (!r.ok) { throw new Error(wrap.dataset.rows + ": HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        var body = wrap.querySelector("tbody");
        var doc = document.implementation.createHTMLDocument("");
        var labels = data.columns;
        var fresh = document.createDocumentFragment();
        data.rows.forEach(function (row) {
          var tr = document.createElement("tr");
          if (row.id) { tr.id = row.id; }
          row.cells.forEach(function (html, i) {
            var td = document.createElement("td");
            td.setAttribute("data-label", labels[i]);
            var holder = doc.createElement("div");
            holder.innerHTML = html;
            while (holder.firstChild) { td.appendChild(document.adoptNode(holder.firstChild)); }
            tr.appendChild(td);
          });
          fresh.appendChild(tr);
        });
        body.textContent = "";
        body.appendChild(fresh);
        delete wrap.dataset.rows;
        if (button) { button.hidden = true; }
        if (wrap._rpkSearch) { wrap._rpkSearch(); }
        return true;
      })
      .catch(function (err) { console.error(err); wrap._rpkLoading = null; return false; });
    return wrap._rpkLoading;
  }

  function setup(wrap) {
    var tools = wrap.querySelector(".rpk-table-tools");
    var input = wrap.querySelector(".rpk-table-search");
    var count = wrap.querySelector(".rpk-table-count");
    function update() {
      var rows = Array.prototype.slice.call(wrap.querySelectorAll("tbody tr"));
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r) {
        var ok = words.every(function (w) { return fold(r.textContent).indexOf(w) !== -1; });
        r.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var total = wrap.dataset.rows ? +wrap.dataset.total : rows.length;
      count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", total);
    }
    wrap._rpkSearch = update;
    tools.hidden = false;
    input.addEventListener("input", function () { loadRows(wrap); update(); });
    update();
  }

  function lazy(wrap) {
    var button = wrap.querySelector(".rpk-table-load");
    if (button) { button.hidden = false; button.addEventListener("click", function () { loadRows(wrap); }); }
    var box = wrap.closest("details");
    if (box) { box.addEventListener("toggle", function () { if (box.open) { loadRows(wrap); } }); }
  }

  function reveal() {  // a permalink to a row: load its table if need be, open it, go to the row
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    var el = document.getElementById(id);
    var pending = el ? Promise.resolve() : Promise.all(Array.prototype.map.call(
      document.querySelectorAll(".rpk-table-wrap[data-rows]"), loadRows));
    pending.then(function () {
      el = document.getElementById(id);
      var box = el && el.closest("details");
      if (box && !box.open) { box.open = true; }
      if (el) { el.scrollIntoView(); }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".rpk-searchable"), setup);
    Array.prototype.forEach.call(document.querySelectorAll(".rpk-table-wrap[data-rows]"), lazy);
    reveal();
    window.addEventListener("hashchange", reveal);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
