/* The offline basemap: Natural Earth land, lakes, rivers, present-day borders and country names,
   drawn from JSON inlined in the page (no tiles, no network). Online tile layers, when the build
   offers them, are registered as further base layers and are off by default. */
(function () {
  "use strict";
  var A = window.MapgenAtlas;

  // [lat, lon] -> out = [x, y], the pixel at zoom 0 of the map's projection. Spherical Mercator
  // (the map's) is written out: the same numbers as crs.latLngToPoint, a fifth of the time.
  function zoomZero(crs) {
    if (crs !== L.CRS.EPSG3857) {
      return function (c, out) {
        var p = crs.latLngToPoint(L.latLng(c[0], c[1]), 0);
        out[0] = p.x;
        out[1] = p.y;
      };
    }
    var size = crs.scale(0), d = Math.PI / 180, max = L.Projection.SphericalMercator.MAX_LATITUDE;
    return function (c, out) {
      var sin = Math.sin(Math.max(Math.min(max, c[0]), -max) * d);
      out[0] = size * (0.5 + c[1] / 360);
      out[1] = size * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
    };
  }

  /* One shape of the basemap (land, lakes, rivers or borders: all its rings or lines) as one SVG
     path, in the pixels of zoom 0 and scaled to the view by the path's transform. Leaflet's own
     polygons project, clip and simplify every vertex again at each zoom and pan, and on a canvas
     the browser fills them on the main thread: for the 25,000 vertices of the basemap that was
     the largest single cost of the page's start (issue 8). Here each vertex is projected once,
     a zoom changes one attribute, and the browser rasterises the path on its raster threads.
     Strokes keep their width in screen pixels (vector-effect), as Leaflet's lines do. */
  var Shape = L.Path.extend({
    // closed: rings (filled, even-odd) rather than lines.
    initialize: function (crs, closed, options) {
      L.setOptions(this, L.extend({ fill: closed }, options));
      this._project0 = zoomZero(crs);
      this._closed = closed;
      this._d = [];
      this._min = [Infinity, Infinity];
      this._max = [-Infinity, -Infinity];
    },

    // Add vertices from..to-1 of a ring or line ([lat, lon], …) to the shape, before it is drawn.
    addLine: function (line, from, to) {
      var d = this._d, min = this._min, max = this._max, p = [0, 0];
      for (var i = from; i < to; i++) {
        this._project0(line[i], p);
        // 5 decimals of a pixel at zoom 0: under 0.05 px at the map's highest zoom (12).
        d.push((i ? "L" : "M") + p[0].toFixed(5) + " " + p[1].toFixed(5));
        if (p[0] < min[0]) min[0] = p[0];
        if (p[1] < min[1]) min[1] = p[1];
        if (p[0] > max[0]) max[0] = p[0];
        if (p[1] > max[1]) max[1] = p[1];
      }
      if (this._closed && to === line.length) d.push("Z");
      return this;
    },

    _project: function () {
      var map = this._map, crs = map.options.crs;
      var scale = crs.scale(map.getZoom()) / crs.scale(0), origin = map.getPixelOrigin();
      this._pxBounds = L.bounds(L.point(this._min).multiplyBy(scale).subtract(origin),
                                L.point(this._max).multiplyBy(scale).subtract(origin));
      this._path.setAttribute("transform", "matrix(" + [scale, 0, 0, scale, -origin.x, -origin.y].join(" ") + ")");
    },

    _update: function () {
      if (!this._map || this._drawn) return;  // the path is the same at every view
      this._path.setAttribute("vector-effect", "non-scaling-stroke");
      this._renderer._setPath(this, this._d.join(""));
      this._drawn = true;
    },

    // Taken off the map (today's borders are a layer the reader may hide), its path goes: it is
    // made again when the layer comes back.
    onRemove: function (map) {
      this._drawn = false;
      L.Path.prototype.onRemove.call(this, map);
    },

    _containsPoint: function () { return false; }  // never interactive
  });

  /* The basemap is made in steps for the atlas's start (atlas.js: _start runs them in short
     slices): one step per ring or line, since decoding and projecting all of them at once holds
     a phone for a long while. */
  A.basemaps.push(function (atlas) {
    var node = document.getElementById("basemap-data");
    if (!node) return;
    var data = JSON.parse(node.textContent);
    var crs = atlas.map.options.crs;
    var renderer = L.svg({ pane: "basemap", padding: 0.5 });
    var group = L.layerGroup();
    var common = { renderer: renderer, interactive: false };
    // The sea is drawn only inside the basemap's box: beyond it the page shows a plain frame,
    // so the clipped edges of the land read as the edge of the atlas, not as coastline.
    var box = data.bbox;  // [west, south, east, north]
    L.rectangle([[box[1], box[0]], [box[3], box[2]]], Object.assign({ stroke: false, fillColor: "#c9d6de", fillOpacity: 1 }, common)).addTo(group);
    var steps = [], CHUNK = 1000;  // vertices a step: the coast of Europe alone has thousands
    // Rings and lines arrive as encoded polylines (render/basemap.py).
    function shape(lines, closed, style) {
      var layer = new Shape(crs, closed, Object.assign(style, common)).addTo(group);
      lines.forEach(function (text) {
        steps.push(function () {
          var line = MapgenDecode.polyline(text, data.precision), more = [];
          for (var from = 0; from < line.length; from += CHUNK) {
            more.push(layer.addLine.bind(layer, line, from, Math.min(from + CHUNK, line.length)));
          }
          return more;
        });
      });
    }
    function rings(polygons) { return [].concat.apply([], polygons); }
    shape(rings(data.land), true, { stroke: false, fillColor: "#efebe3", fillOpacity: 1 });
    if (data.lakes) shape(rings(data.lakes), true, { stroke: false, fillColor: "#cfdbe3", fillOpacity: 1 });
    if (data.rivers) shape(data.rivers, false, { color: "#a9bfcc", weight: 1, opacity: 1 });
    // Today's borders and names: a choice in the layer control; the borders of 1944-45
    // (context-layers.js) are the default context.
    var today = L.layerGroup();
    var basemapGroup = group;
    group = today;
    shape(data.borders, false, { color: "#8f877a", weight: 0.9, dashArray: "4 3", opacity: 0.9 });
    group = basemapGroup;
    steps.push(function () {
      data.labels.forEach(function (label) {
        var span = A.el("span", null, label.name);
        L.marker([label.lat, label.lon], {
          icon: L.divIcon({ className: "country-label", html: span, iconSize: null }),
          interactive: false, keyboard: false, pane: "basemap"
        }).addTo(today);
      });
    });
    A.overlays.push({ key: "layers.borders_today", layer: today });
    // Leaflet shows attributions as HTML: a fixed text of ours, never a string from a file.
    group.getAttribution = function () { return "Natural Earth (public domain)"; };
    A.baseLayers.push({ key: "layers.basemap", layer: group });

    (atlas.options.online_tiles || []).forEach(function (tiles) {
      A.baseLayers.push({ name: tiles.name, layer: L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }) });
    });
    return steps;
  });
})();
