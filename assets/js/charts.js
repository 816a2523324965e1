/* Draws every chart (.rpk-plot) from its JSON file: the first ones at once, the others when
   they come near the viewport, so the story page loads light. Needs plotly-basic.min.js first. */
(function () {
  "use strict";
  function draw(el) {
    if (el.dataset.state) { return; }
    el.dataset.state = "loading";
    fetch(el.dataset.src)
      .then(function (r) { if (!r.ok) { throw new Error(el.dataset.src + ": HTTP " + r.status); } return r.json(); })
      .then(function (fig) {
        return Plotly.newPlot(el, fig.data, fig.layout, fig.config || {}).then(function () {
          // phone layout: the chart's own changes for narrow frames (fewer ticks...)
          if (fig.narrow && el.clientWidth < 560) { return Plotly.relayout(el, fig.narrow); }
        });
      })
      .then(function () { el.dataset.state = "drawn"; el.style.minHeight = ""; })
      .catch(function (err) { el.dataset.state = "failed"; console.error(err); });
  }
  function start() {
    var plots = Array.prototype.slice.call(document.querySelectorAll(".rpk-plot[data-src]"));
    var lazy = plots.filter(function (el) { return el.dataset.eager !== "true"; });
    plots.filter(function (el) { return el.dataset.eager === "true"; }).forEach(draw);
    if (!("IntersectionObserver" in window)) { lazy.forEach(draw); return; }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) { io.unobserve(e.target); draw(e.target); } });
    }, { rootMargin: "800px 0px" });
    lazy.forEach(function (el) { io.observe(el); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
