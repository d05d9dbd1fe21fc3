/* Where the map is really open: the padding a fit must leave for whatever lies over the map at
   this size (the details card or bottom sheet, the legend, the classroom's story bar, Leaflet's
   controls). Measured from the elements' rectangles when the fit is made, so it holds for every
   build, language and screen without a table of sizes. */
(function () {
  "use strict";

  // What may lie over the map. A bottom sheet is fixed to the viewport, the rest are inside.
  var COVERS = [".details", ".story-bar", ".leaflet-control", ".search-box"];
  var MARGIN = 24;  // px between a route and the edge of what covers it

  function visible(node) {
    if (node.hidden || node.closest("[hidden]")) return false;
    var style = getComputedStyle(node);
    return style.display !== "none" && style.visibility !== "hidden";
  }

  /* The rectangles (in the page's px) of what lies over `map` now, clipped to it. */
  function covers(map) {
    var box = map.getContainer().getBoundingClientRect();
    var rects = [];
    COVERS.forEach(function (selector) {
      document.querySelectorAll(selector).forEach(function (node) {
        if (!visible(node)) return;
        var r = node.getBoundingClientRect();
        var left = Math.max(r.left, box.left), right = Math.min(r.right, box.right);
        var top = Math.max(r.top, box.top), bottom = Math.min(r.bottom, box.bottom);
        if (right - left < 1 || bottom - top < 1) return;
        rects.push({ left: left, right: right, top: top, bottom: bottom, area: (right - left) * (bottom - top) });
      });
    });
    return rects;
  }

  /* {top, right, bottom, left}: px to keep clear on each side of `map`'s container. Each
     covering element is given to the side where it costs the least more than the padding
     already kept there (a legend in a corner goes to the side its bar already takes). */
  function padding(map) {
    var box = map.getContainer().getBoundingClientRect();
    var pad = { top: 0, right: 0, bottom: 0, left: 0 };
    var rects = covers(map);
    // The largest first: a card or a bar decides a side, smaller boxes then join it.
    rects.sort(function (a, b) { return b.area - a.area; });
    rects.forEach(function (r) {
      var need = {
        left: r.right - box.left, right: box.right - r.left,
        top: r.bottom - box.top, bottom: box.bottom - r.top
      };
      var best = null, cost = Infinity;
      ["left", "right", "top", "bottom"].forEach(function (side) {
        var more = Math.max(0, need[side] - pad[side]);
        if (more < cost) { cost = more; best = side; }
      });
      pad[best] = Math.max(pad[best], need[best]);
    });
    // Never leave less than a quarter of the map open: a small screen gets a tighter margin and,
    // past that, the covered sides give way in proportion.
    var width = box.width, height = box.height;
    ["x", "y"].forEach(function (axis) {
      var a = axis === "x" ? "left" : "top", b = axis === "x" ? "right" : "bottom";
      var size = axis === "x" ? width : height;
      var most = size * 3 / 4;
      if (pad[a] + pad[b] > most) {
        var k = most / (pad[a] + pad[b]);
        pad[a] *= k;
        pad[b] *= k;
      }
    });
    var margin = Math.min(width, height) < 500 ? 12 : MARGIN;
    return {
      top: pad.top + margin, right: pad.right + margin,
      bottom: pad.bottom + margin, left: pad.left + margin
    };
  }

  /* Leaflet's fitBounds options for `map` now. */
  function options(map) {
    var p = padding(map);
    return { paddingTopLeft: [p.left, p.top], paddingBottomRight: [p.right, p.bottom] };
  }

  window.MapgenFit = { padding: padding, options: options, covers: covers, COVERS: COVERS };
})();
