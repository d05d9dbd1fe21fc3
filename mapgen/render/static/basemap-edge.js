/* The basemap ends at its box (render/basemap.py); beyond it the page shows a plain frame. Its
   edge fades into that frame over about a degree instead of stopping in a hard grey line: a
   blurred frame with a hole where the basemap is, above the basemap and below the routes. */
(function () {
  "use strict";
  var A = window.MapgenAtlas;
  var NS = "http://www.w3.org/2000/svg";
  var FRAME = "#e4e1da";  // atlas.css: .atlas-map background

  function make(tag, attrs) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  A.basemaps.push(function (atlas) {
    var node = document.getElementById("basemap-data");
    if (!node || !A.basemapBox) return;
    var map = atlas.map, box = A.basemapBox;  // [west, south, east, north]
    var outer = L.latLngBounds([box[1] - 12, box[0] - 20], [box[3] + 12, box[2] + 20]);
    var nw = map.project(outer.getNorthWest(), 0), se = map.project(outer.getSouthEast(), 0);
    var a = map.project([box[3], box[0]], 0), b = map.project([box[1], box[2]], 0);
    var w = se.x - nw.x, h = se.y - nw.y;
    var fade = (b.x - a.x) / 40;  // about a degree: a fortieth of the basemap's width
    var svg = make("svg", { viewBox: [0, 0, w, h].join(" "), preserveAspectRatio: "none" });
    var filter = make("filter", { id: "basemap-edge-blur", filterUnits: "userSpaceOnUse", x: 0, y: 0, width: w, height: h });
    filter.appendChild(make("feGaussianBlur", { stdDeviation: fade }));
    var defs = make("defs", {});
    defs.appendChild(filter);
    svg.appendChild(defs);
    // The hole is the basemap's box drawn in a little, so that the blur stays inside it.
    var x0 = a.x - nw.x + fade, y0 = a.y - nw.y + fade, x1 = b.x - nw.x - fade, y1 = b.y - nw.y - fade;
    var d = "M0 0H" + w + "V" + h + "H0Z M" + x0 + " " + y0 + "V" + y1 + "H" + x1 + "V" + y0 + "Z";
    svg.appendChild(make("path", { d: d, fill: FRAME, "fill-rule": "evenodd", filter: "url(#basemap-edge-blur)" }));
    var pane = map.createPane("basemapEdge");
    pane.style.zIndex = "260";  // above the basemap (200), below the routes (350)
    pane.style.pointerEvents = "none";
    L.svgOverlay(svg, outer, { pane: "basemapEdge", interactive: false, className: "basemap-edge" }).addTo(map);
  });
})();
