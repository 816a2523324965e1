/* Draws every chart (.rpk-plot) from its JSON file: the first ones at once, the others when
   they come near the viewport, so the story page loads light. Needs plotly-basic.min.js first.
   rpkResponsive(gd) gives a drawn chart its phone layout, from its layout.meta:
   - meta.phone (maps): two complete states, 'desktop' and 'phone' (panel frames, which panels
     and legend entries show, labels), switched at meta.phone_max px of chart width, again whenever
     the window is resized across it; meta.fit: the height follows the width in that layout;
   - meta.narrow (other charts): layout changes applied once when the chart is under 560 px.
   The standalone exports in figures/ call it too, after their inline chart is drawn. */
(function () {
  "use strict";
  function responsive(gd) {
    var meta = (gd.layout && gd.layout.meta) || {};
    if (meta.phone) {
      var current = "desktop", height = meta.fit ? null : meta.desktop.layout.height;
      var apply = function () {
        var want = gd.clientWidth < meta.phone_max ? "phone" : "desktop";
        var m = meta[want];
        // a fitted map's height follows its width (meta.fit), so its frame fills the chart
        var h = meta.fit && meta.fit.layout === want ?
          Math.round((gd.clientWidth - meta.fit.side) * meta.fit.ratio + meta.fit.pad) : m.layout.height;
        if (want === current && h === height) { return; }
        var switching = want !== current;
        current = want;
        height = h;
        gd.style.height = h + "px";
        var box = gd.parentElement;  // plotly's to_html wraps the chart in a div of the desktop height
        if (box && box.style.height) { box.style.height = h + "px"; }
        if (!switching) { return Plotly.relayout(gd, {height: h}); }
        var layout = Object.assign({}, m.layout, {height: h});
        return Plotly.update(gd, {text: m.text, textposition: m.textposition, "marker.size": m["marker.size"]}, layout, m.traces)
          .then(function () { return m.visible ? Plotly.restyle(gd, {visible: m.visible, showlegend: m.showlegend}) : null; });
      };
      window.addEventListener("resize", apply);
      return apply();
    }
    if (meta.narrow && gd.clientWidth < 560) { return Plotly.relayout(gd, meta.narrow); }
  }
  window.rpkResponsive = responsive;

  /* One tooltip for every chart, touch first: a tap (or a pointer resting on a mark) opens it,
     always inside the viewport (never wider than the screen less 16 px, moved back from every
     edge), closed by its button, by Escape or by a tap elsewhere. Plotly's own label is turned off
     (hoverinfo 'none' still sends the events). The text is the mark's hovertext, rebuilt from a
     few inline tags (b, i, em, strong, br, span) as DOM nodes: nothing else of it is markup. */
  var ALLOWED = {B: 1, I: 1, EM: 1, STRONG: 1, BR: 1, SPAN: 1};
  var tip = null, tipBody = null, pinned = false;
  function rebuild(html, into) {
    var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    (function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (n) {
        if (n.nodeType === 3) { to.appendChild(document.createTextNode(n.nodeValue)); return; }
        if (n.nodeType !== 1) { return; }
        if (ALLOWED[n.tagName]) { var el = document.createElement(n.tagName.toLowerCase()); to.appendChild(el); copy(n, el); }
        else { copy(n, to); }
      });
    })(doc.body.firstChild, into);
  }
  function ensureTip() {
    if (tip) { return; }
    var fr = (document.documentElement.lang || "fr").slice(0, 2) === "fr";
    tip = document.createElement("div");
    tip.className = "rpk-tip";
    // its style travels with it, so the standalone exports in figures/ get the same tooltip
    tip.style.cssText = "position:fixed;z-index:1100;max-width:min(22rem,calc(100vw - 16px));box-sizing:border-box;" +
      "background:#fff;color:#1a1a1a;border:1px solid #8a8a8a;border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.18);" +
      "padding:.45rem 2rem .5rem .6rem;font:14px/1.35 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;overflow-wrap:anywhere";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "rpk-tip-close";
    close.style.cssText = "position:absolute;top:2px;right:4px;border:0;background:none;font-size:22px;line-height:1;" +
      "padding:2px 6px;cursor:pointer;color:#3d3d3d";
    close.setAttribute("aria-label", fr ? "Fermer" : "Close");
    close.textContent = "×";
    close.addEventListener("click", function (e) { e.stopPropagation(); hide(true); });
    tipBody = document.createElement("div");
    tipBody.className = "rpk-tip-body";
    tip.appendChild(close);
    tip.appendChild(tipBody);
    document.body.appendChild(tip);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(true); } });
    document.addEventListener("click", function (e) {
      if (pinned && !tip.contains(e.target) && !(e.target.closest && e.target.closest(".rpk-plot, .js-plotly-plot"))) { hide(true); }
    });
    window.addEventListener("resize", function () { hide(true); });
  }
  function hide(force) {
    if (!tip || (pinned && !force)) { return; }
    tip.hidden = true;
    pinned = false;
  }
  function place(x, y) {
    // measured at the left edge (a fixed box shrinks as it nears the right one), then held at that width
    tip.style.width = "";
    tip.style.left = "0px";
    tip.style.top = "0px";
    var margin = 8, w = Math.ceil(tip.getBoundingClientRect().width), vw = document.documentElement.clientWidth, vh = window.innerHeight;
    tip.style.width = w + "px";
    var h = tip.offsetHeight;
    var left = Math.min(Math.max(margin, x - w / 2), vw - w - margin);
    var top = y + 16;
    if (top + h > vh - margin) { top = y - h - 16; }
    if (top < margin) { top = Math.max(margin, vh - h - margin); }
    tip.style.left = Math.max(margin, left) + "px";
    tip.style.top = top + "px";
  }
  function show(gd, ev, pin) {
    var pt = ev && ev.points && ev.points[0];
    if (!pt) { return; }
    var i = pt.pointIndex !== undefined ? pt.pointIndex : pt.pointNumber;
    var trace = pt.data || {};
    var text = Array.isArray(trace.hovertext) ? trace.hovertext[i] : (trace.hovertext || (Array.isArray(trace.text) ? trace.text[i] : trace.text));
    if (!text) { return; }
    if (pinned && !pin) { return; }
    ensureTip();
    tipBody.textContent = "";
    rebuild(String(text), tipBody);
    tip.hidden = false;
    var box = gd.getBoundingClientRect(), e = ev.event || {};
    var x = typeof e.clientX === "number" ? e.clientX : box.left + box.width / 2;
    var y = typeof e.clientY === "number" ? e.clientY : box.top + box.height / 2;
    if (pt.bbox) { x = box.left + (pt.bbox.x0 + pt.bbox.x1) / 2; y = box.top + (pt.bbox.y0 + pt.bbox.y1) / 2; }
    place(x, y);
    pinned = !!pin;
  }
  function tooltips(gd) {
    if (gd.dataset.tips) { return; }
    gd.dataset.tips = "on";
    var quiet = [];
    (gd.data || []).forEach(function (tr, k) { if (tr.hoverinfo !== "skip") { quiet.push(k); } });
    if (quiet.length) { Plotly.restyle(gd, {hoverinfo: "none"}, quiet); }
    gd.on("plotly_hover", function (ev) { show(gd, ev, false); });
    gd.on("plotly_unhover", function () { hide(false); });
    gd.on("plotly_click", function (ev) { show(gd, ev, true); });
  }
  window.rpkTooltips = tooltips;

  function draw(el) {
    if (el.dataset.state) { return; }
    el.dataset.state = "loading";
    fetch(el.dataset.src)
      .then(function (r) { if (!r.ok) { throw new Error(el.dataset.src + ": HTTP " + r.status); } return r.json(); })
      .then(function (fig) {
        return Plotly.newPlot(el, fig.data, fig.layout, fig.config || {})
          .then(function () { return responsive(el); })
          .then(function () { tooltips(el); });
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
