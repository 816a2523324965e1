/* Draws every chart (.rpk-plot) from its JSON file: the first ones at once, the others when
   they come near the viewport, so the story page loads light. Needs plotly-basic.min.js first.
   rpkResponsive(gd) gives a drawn chart its phone layout, from its layout.meta:
   - meta.phone (maps): two complete states, 'desktop' and 'phone', switched at meta.phone_max px
     of chart width, again whenever the window is resized across it;
   - meta.narrow (other charts): layout changes applied once when the chart is under 560 px.
   The standalone exports in figures/ call it too, after their inline chart is drawn. */
(function () {
  "use strict";
  function responsive(gd) {
    var meta = (gd.layout && gd.layout.meta) || {};
    if (meta.phone) {
      var current = "desktop";
      var apply = function () {
        var want = gd.clientWidth < meta.phone_max ? "phone" : "desktop";
        if (want === current) { return; }
        current = want;
        var m = meta[want];
        gd.style.height = m.layout.height + "px";
        var box = gd.parentElement;  // plotly's to_html wraps the chart in a div of the desktop height
        if (box && box.style.height) { box.style.height = m.layout.height + "px"; }
        return Plotly.update(gd, {text: m.text, textposition: m.textposition, "marker.size": m["marker.size"]}, m.layout, m.traces);
      };
      window.addEventListener("resize", apply);
      return apply();
    }
    if (meta.narrow && gd.clientWidth < 560) { return Plotly.relayout(gd, meta.narrow); }
  }
  window.rpkResponsive = responsive;

  function draw(el) {
    if (el.dataset.state) { return; }
    el.dataset.state = "loading";
    fetch(el.dataset.src)
      .then(function (r) { if (!r.ok) { throw new Error(el.dataset.src + ": HTTP " + r.status); } return r.json(); })
      .then(function (fig) {
        return Plotly.newPlot(el, fig.data, fig.layout, fig.config || {}).then(function () { return responsive(el); });
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
