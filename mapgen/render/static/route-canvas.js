/* The routes of a large atlas, drawn by one canvas layer of our own (issue 8).

   Leaflet's vector layers cost an object per leg and an object per point; at thousands of
   marches they made the first drawing take seconds and every season switch rebuild the map.
   This layer keeps each leg's points as typed arrays, projected once per level of detail, and
   redraws the whole canvas in a few strokes per style: a season switch, a selection or a toggle
   of a mode in the layer control is one redraw, no layer is added or removed. At the lower zooms
   it draws the coarser copies of the lines that the build made (payload.py: levels), so that a
   view of all Europe draws a tenth of the points. Clicks and hovers find the leg under the
   pointer themselves (the canvas has no element per leg). The file also holds the canvas that
   stamps the towns of a large atlas (DotCanvas), which shares the routes' pane. */
(function () {
  "use strict";

  var WORLD = 256;                  // Leaflet's pixels at zoom 0 (EPSG:3857)
  var MAX_LAT = 85.0511287798;
  var HIT_TOLERANCE = 4;            // px around a line that still count as a click on it
  // Above this many points in view the routes are drawn one pixel wide, without casings: a
  // line wider than a pixel costs the browser's rasteriser twenty times more (without a GPU:
  // about 4 microseconds a segment against 0.2), and where tens of thousands of segments cover
  // the map the widths cannot be told apart anyway. The selected march keeps its full style.
  var DENSE_FROM_POINTS = 20000;
  // So are fewer points packed into a small part of the view (all Europe on a phone): a point
  // every 20 px² of the area the routes cover is a tangle the widths only make darker.
  var DENSE_FROM_PX2 = 20;
  // Memory for the drawings kept to show again at once (see _draw): a few views at most, and
  // only of drawings that cost the rasteriser more than the copy (a few thousand points).
  var SNAPSHOT_BYTES = 64e6, MAX_SNAPSHOTS = 6, KEEP_FROM_POINTS = 4000;

  /* Web Mercator at zoom 0, as L.CRS.EPSG3857 projects: x right, y down, 0..256. */
  function project(flat) {
    var out = new Float32Array(flat.length);
    for (var i = 0; i < flat.length; i += 2) {
      var lat = Math.max(Math.min(flat[i], MAX_LAT), -MAX_LAT) * Math.PI / 180;
      var sin = Math.sin(lat);
      out[i] = (flat[i + 1] / 360 + 0.5) * WORLD;
      out[i + 1] = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * WORLD;
    }
    return out;
  }

  /* The lat, lon of the points of a line at a coarser level: each level keeps the points of the
     level above it whose bit is set in its mask (payload.py: six bits to a character). One pass
     over the line, whatever the level: no array for the levels in between. `size`, the number
     of points kept when known (RouteCanvas._count), makes the array at its size. */
  function levelOf(flat, masks, level, size) {
    var out = new Float64Array(size === undefined ? flat.length : 2 * size), count = 0, k;
    // Per level: the bits left of its current character, and how many of them.
    var bits = new Int32Array(level), left = new Int32Array(level), next = new Int32Array(level);
    for (var i = 0; i < flat.length; i += 2) {
      for (k = 0; k < level; k++) {
        if (left[k] === 0) {
          bits[k] = masks[k].charCodeAt(next[k]++) - 63;
          left[k] = 6;
        }
        var kept = bits[k] & 1;
        bits[k] >>= 1;
        left[k]--;
        if (!kept) break;
      }
      if (k === level) {
        out[count++] = flat[i];
        out[count++] = flat[i + 1];
      }
    }
    return count === out.length ? out : out.subarray(0, count);
  }

  // Direction arrows where the SVG drawing puts its markers (atlas.js: arrowsAlong), as a
  // triangle 10 px long and 12 px wide around its anchor (atlas.css: .route-arrow).
  var ARROW = [[-4, -6], [6, 0], [-4, 6]];
  var ARROW_ROOM = 2500;            // px² of the map an arrow needs to be read (50 px square)

  // How many bits are set in each six-bit value of a mask.
  var BITS_SET = new Uint8Array(64);
  for (var value = 1; value < 64; value++) BITS_SET[value] = (value & 1) + BITS_SET[value >> 1];

  function distanceToSegment(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
    var x = ax + t * dx - px, y = ay + t * dy - py;
    return Math.sqrt(x * x + y * y);
  }

  /* items: one per leg, in drawing order: { leg, march, mode, color, dash, cap, weight,
     opacity, casing }. levelZooms: the highest zoom each coarser level serves (payload). */
  var RouteCanvas = L.Renderer.extend({
    options: { padding: 0.1, pane: "routes" },

    initialize: function (items, levelZooms, options) {
      L.Renderer.prototype.initialize.call(this, options);
      this._items = items;
      this._levelZooms = levelZooms || [];
      this._shown = new Uint8Array(items.length);   // in the filter and its mode switched on
      this._inFilter = new Uint8Array(items.length);
      this._modesOff = {};
      this._filterKey = "";
      this._snapshots = [];
      this._selected = null;
      this._selectedSet = {};
      this._dimOthers = false;
      this._drawn = 0;
      this._drawnFlags = new Uint8Array(items.length);  // which legs the last drawing drew
      // The projected points of each leg per level, made the first time a level is drawn.
      this._xy = items.map(function () { return []; });
      this._counts = [];
      this._arrowsAt = items.map(function () { return []; });
      this._boxes = items.map(function (item) {
        var b = item.leg.bbox, ne = project([b[2], b[3]]), sw = project([b[0], b[1]]);
        return [sw[0], ne[1], ne[0], sw[1]];  // minX, minY, maxX, maxY at zoom 0
      });
    },

    /* Which legs the filter shows: fn(item) -> boolean; key names the filter (the same key
       must mean the same legs). */
    setFilter: function (fn, key) {
      for (var i = 0; i < this._items.length; i++) this._inFilter[i] = fn(this._items[i]) ? 1 : 0;
      this._filterKey = key;
      this._refresh();
    },

    setModeShown: function (mode, on) {
      this._modesOff[mode] = !on;
      this._refresh();
    },

    /* The marches drawn on top and thicker: one id, or a list (a person's way); with
       `dimOthers` (default: when any is given) every other march is faint. */
    setSelected: function (marchIds, dimOthers) {
      var ids = marchIds ? [].concat(marchIds) : [];
      this._selectedSet = {};
      for (var i = 0; i < ids.length; i++) this._selectedSet[ids[i]] = true;
      this._dimOthers = dimOthers === undefined ? ids.length > 0 : !!dimOthers;
      this._selected = ids.length || this._dimOthers ? ids.join(",") + (this._dimOthers ? "|dim" : "") : null;
      this._requestDraw();
    },

    /* How many legs the last drawing drew (in the filter, in the view): the benchmark's check. */
    drawnCount: function () { return this._drawn; },

    /* The line widths (px) the canvas gives to a march's legs, in the order of its legs. */
    weightsOf: function (marchId) {
      return this._items.filter(function (item) { return item.march.id === marchId; })
        .map(function (item) { return item.weight; });
    },

    /* The ids of the marches with a leg in the last drawing, in the order of the legs. */
    drawnMarchIds: function () {
      var ids = [], seen = Object.create(null);
      for (var i = 0; i < this._items.length; i++) {
        var id = this._items[i].march.id;
        if (this._drawnFlags[i] && !seen[id]) { seen[id] = true; ids.push(id); }
      }
      return ids;
    },

    _refresh: function () {
      for (var i = 0; i < this._items.length; i++) {
        this._shown[i] = this._inFilter[i] && !this._modesOff[this._items[i].mode] ? 1 : 0;
      }
      this._requestDraw();
    },

    _requestDraw: function () {
      // One drawing per frame, however many changes came before it.
      if (!this._map || this._frame) return;
      // Until the frame draws, the canvas says so: what it shows is not yet the new state.
      this._container.setAttribute("data-pending", "");
      this._frame = L.Util.requestAnimFrame(function () {
        this._frame = null;
        this._draw();
      }, this);
    },

    _initContainer: function () {
      var canvas = this._container = document.createElement("canvas");
      canvas.className = "route-canvas";
      this._ctx = canvas.getContext("2d");
    },

    // The pointer is followed on the pane, not on the canvas: a layer drawn on another canvas
    // in the same pane, above this one (the towns of a large atlas), would take the events.
    onAdd: function () {
      L.Renderer.prototype.onAdd.call(this);
      L.DomEvent.on(this.getPane(), POINTER_EVENTS, this);
    },

    _destroyContainer: function () {
      L.Util.cancelAnimFrame(this._frame);
      L.Util.cancelAnimFrame(this._hoverFrame);
      this._frame = this._hoverFrame = null;
      L.DomEvent.off(this.getPane(), POINTER_EVENTS, this);
      L.DomUtil.remove(this._container);
      delete this._ctx;
    },

    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      var b = this._bounds, size = b.getSize(), ratio = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(this._container, b.min);
      this._container.width = Math.round(ratio * size.x);
      this._container.height = Math.round(ratio * size.y);
      this._container.style.width = size.x + "px";
      this._container.style.height = size.y + "px";
      this._ratio = ratio;
      L.Util.cancelAnimFrame(this._frame);
      this._frame = null;
      this._draw();
    },

    _level: function (zoom) {
      var level = 0;
      for (var i = 0; i < this._levelZooms.length; i++) if (zoom <= this._levelZooms[i]) level = i + 1;
      return level;
    },

    /* A leg's points at a level, projected; made the first time the level is drawn. */
    _points: function (index, level) {
      var cache = this._xy[index];
      if (!cache[level]) cache[level] = project(this._flat(index, level));
      return cache[level];
    },

    /* How many points a leg has at a level, read from its masks (a level keeps the points
       whose bit is set; the padding bits are clear): the points themselves are not made. */
    _count: function (index, level) {
      var leg = this._items[index].leg, masks = leg.levels || [];
      level = Math.min(level, masks.length);
      if (level === 0) return leg.flat.length / 2;
      var counts = this._counts[index] || (this._counts[index] = []);
      if (counts[level] === undefined) {
        var mask = masks[level - 1], n = 0;
        for (var i = 0; i < mask.length; i++) n += BITS_SET[mask.charCodeAt(i) - 63];
        counts[level] = n;
      }
      return counts[level];
    },

    /* The lat, lon of a leg's points at a level. */
    _flat: function (index, level) {
      var leg = this._items[index].leg, masks = leg.levels || [];
      level = Math.min(level, masks.length);
      return level === 0 ? leg.flat : levelOf(leg.flat, masks, level, this._count(index, level));
    },

    /* The view: scale from zoom-0 to layer pixels, the shift, the visible box at zoom 0. */
    _view: function () {
      var map = this._map, zoom = map.getZoom(), scale = map.getZoomScale(zoom, 0);
      var origin = map.getPixelOrigin(), b = this._bounds;
      return {
        zoom: zoom, scale: scale, ox: origin.x, oy: origin.y, level: this._level(zoom),
        minX: (b.min.x + origin.x) / scale, minY: (b.min.y + origin.y) / scale,
        maxX: (b.max.x + origin.x) / scale, maxY: (b.max.y + origin.y) / scale
      };
    },

    _inView: function (i, v) {
      var box = this._boxes[i];
      return box[2] >= v.minX && box[0] <= v.maxX && box[3] >= v.minY && box[1] <= v.maxY;
    },

    _trace: function (ctx, xy, v) {
      // Layer pixels; a point that moves less than half a pixel from the last adds nothing.
      var lastX = xy[0] * v.scale - v.ox, lastY = xy[1] * v.scale - v.oy;
      ctx.moveTo(lastX, lastY);
      var n = xy.length - 2;
      for (var i = 2; i <= n; i += 2) {
        var x = xy[i] * v.scale - v.ox, y = xy[i + 1] * v.scale - v.oy;
        if (i < n && Math.abs(x - lastX) < 0.5 && Math.abs(y - lastY) < 0.5) continue;
        ctx.lineTo(x, y);
        lastX = x;
        lastY = y;
      }
    },

    _stroke: function (ctx, indices, v, level, style) {
      if (!indices.length) return;
      ctx.beginPath();
      for (var k = 0; k < indices.length; k++) this._trace(ctx, this._points(indices[k], level), v);
      ctx.globalAlpha = style.opacity;
      ctx.strokeStyle = style.color;
      ctx.lineWidth = style.weight;
      ctx.lineCap = style.cap;
      ctx.lineJoin = "round";
      ctx.setLineDash(style.dash || []);
      ctx.stroke();
    },

    /* A leg's direction arrows at a level (made the first time they are drawn). */
    _arrows: function (index, level) {
      var cache = this._arrowsAt[index];
      if (!cache[level]) cache[level] = MapgenAtlas.arrowsAlong(this._points(index, level), 0);
      return cache[level];
    },

    /* The arrows of these legs whose anchor is in the drawn area: [leg, offset…]. */
    _arrowsIn: function (indices, v, level) {
      var out = [];
      for (var n = 0; n < indices.length; n++) {
        var a = this._arrows(indices[n], level);
        for (var k = 0; k < a.length; k += 3) {
          if (a[k] >= v.minX && a[k] <= v.maxX && a[k + 1] >= v.minY && a[k + 1] <= v.maxY) out.push(indices[n], k);
        }
      }
      return out;
    },

    _fillArrows: function (ctx, arrows, v, level, opacity) {
      var byColor = {}, order = [];
      for (var n = 0; n < arrows.length; n += 2) {
        var color = this._items[arrows[n]].color;
        if (!byColor[color]) { byColor[color] = []; order.push(color); }
        byColor[color].push(arrows[n], arrows[n + 1]);
      }
      ctx.globalAlpha = opacity;
      order.forEach(function (color) {
        var list = byColor[color];
        ctx.beginPath();
        for (var n = 0; n < list.length; n += 2) {
          var a = this._arrows(list[n], level), k = list[n + 1];
          var x = a[k] * v.scale - v.ox, y = a[k + 1] * v.scale - v.oy;
          var cos = Math.cos(a[k + 2]), sin = Math.sin(a[k + 2]);
          for (var m = 0; m < ARROW.length; m++) {
            var px = x + ARROW[m][0] * cos - ARROW[m][1] * sin, py = y + ARROW[m][0] * sin + ARROW[m][1] * cos;
            if (m) ctx.lineTo(px, py); else ctx.moveTo(px, py);
          }
          ctx.closePath();
        }
        ctx.fillStyle = color;
        ctx.fill();
      }, this);
    },

    _draw: function () {
      if (!this._map || !this._ctx) return;
      this._container.removeAttribute("data-pending");
      var ctx = this._ctx, b = this._bounds, v = this._view(), self = this;
      // The same legs at the same zoom were drawn before, over the area now in view: show that
      // drawing again. A class stepping between two seasons, or back to all, then waits for
      // nothing (the prepared layers of issue 8, as pictures: a dense view costs the
      // rasteriser a tenth of a second).
      var key = [this._filterKey, JSON.stringify(this._modesOff), this._selected, v.zoom, v.ox, v.oy,
        this._ratio].join("|");
      if (this._showSnapshot(key, b)) return;
      ctx.setTransform(this._ratio, 0, 0, this._ratio, -b.min.x * this._ratio, -b.min.y * this._ratio);
      ctx.clearRect(b.min.x, b.min.y, b.max.x - b.min.x, b.max.y - b.min.y);
      // Legs of one look go into one path and one stroke: a handful of strokes in all.
      var groups = {}, order = [], casings = [], selected = [], drawn = 0, points = 0;
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;  // where they are
      var dim = this._dimOthers ? 0.25 : 1;
      this._drawnFlags.fill(0);
      for (var i = 0; i < this._items.length; i++) {
        if (!this._shown[i] || !this._inView(i, v)) continue;
        drawn++;
        this._drawnFlags[i] = 1;
        var item = this._items[i];
        if (this._selectedSet[item.march.id]) { selected.push(i); continue; }
        points += this._count(i, v.level);
        var box = this._boxes[i];
        x0 = Math.min(x0, box[0]); y0 = Math.min(y0, box[1]);
        x1 = Math.max(x1, box[2]); y1 = Math.max(y1, box[3]);
        if (item.casing && dim === 1) casings.push(i);
        var style = item.styleKey;
        if (!groups[style]) { groups[style] = []; order.push(style); }
        groups[style].push(i);
      }
      this._drawn = drawn;
      var footprint = Math.max(0, Math.min(x1, v.maxX) - Math.max(x0, v.minX)) *
        Math.max(0, Math.min(y1, v.maxY) - Math.max(y0, v.minY)) * v.scale * v.scale;
      var dense = points > DENSE_FROM_POINTS || points * DENSE_FROM_PX2 > footprint;
      var level = v.level;
      if (dense) {
        casings = [];
        // A mesh of one-pixel lines shows no sub-pixel detail: the next coarser level (under a
        // pixel off at the zoom after the one it is made for) draws a third of the points.
        level = Math.min(level + 1, this._levelZooms.length);
      }
      // Under the documented legs a pale casing (approximate legs have none and are fainter);
      // it goes when another march is selected, as in the SVG drawing.
      var widest = {};
      casings.forEach(function (i) {
        var w = self._items[i].weight;
        (widest[w] = widest[w] || []).push(i);
      });
      Object.keys(widest).forEach(function (w) {
        self._stroke(ctx, widest[w], v, level, { color: "#fffdf8", weight: +w + 4, opacity: 0.9, cap: "butt" });
      });
      order.forEach(function (key) {
        var first = self._items[groups[key][0]];
        self._stroke(ctx, groups[key], v, level, {
          color: first.color, weight: dense ? 1 : first.weight,
          opacity: dim < 1 ? dim : first.opacity,
          dash: first.dash, cap: first.cap
        });
      });
      // Which way each march went, where the arrows can be told apart: each with ARROW_ROOM of
      // the drawn area to itself (else they cover the lines like a rash).
      if (!dense) {
        var others = [];
        order.forEach(function (key) { others = others.concat(groups[key]); });
        var arrows = this._arrowsIn(others, v, level);
        var area = (b.max.x - b.min.x) * (b.max.y - b.min.y);
        if (arrows.length / 2 * ARROW_ROOM <= area) this._fillArrows(ctx, arrows, v, level, dim);
      }
      // The selected march on top of everything, thicker, each leg in its own style.
      selected.forEach(function (i) {
        var item = self._items[i];
        if (item.casing) self._stroke(ctx, [i], v, v.level, { color: "#fffdf8", weight: item.weight + 7, opacity: 0.9, cap: "butt" });
      });
      selected.forEach(function (i) {
        var item = self._items[i];
        self._stroke(ctx, [i], v, v.level, {
          color: item.color, weight: item.weight + 3, opacity: item.opacity, dash: item.dash, cap: item.cap
        });
      });
      this._fillArrows(ctx, this._arrowsIn(selected, v, v.level), v, v.level, 1);
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
      this._shownKey = key;
      // Copied after the frame is painted, when the canvas is already rasterised (copied
      // now, the copy would make the rasteriser run before the frame, inside the switch).
      if (points > KEEP_FROM_POINTS) {
        var bounds = L.bounds(b.min, b.max);
        setTimeout(function () { if (self._map && self._shownKey === key) self._keepSnapshot(key, bounds); }, 50);
      }
    },

    _showSnapshot: function (key, bounds) {
      for (var i = 0; i < this._snapshots.length; i++) {
        var shot = this._snapshots[i];
        if (shot.key !== key || !shot.bounds.contains(bounds)) continue;
        this._snapshots.splice(i, 1);
        this._snapshots.push(shot);  // the most recently used last
        var ctx = this._ctx, ratio = this._ratio;
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, this._container.width, this._container.height);
        ctx.drawImage(shot.canvas, Math.round((shot.bounds.min.x - bounds.min.x) * ratio),
          Math.round((shot.bounds.min.y - bounds.min.y) * ratio));
        this._drawn = shot.drawn;
        this._drawnFlags.set(shot.flags);
        this._shownKey = key;
        return true;
      }
      return false;
    },

    _keepSnapshot: function (key, bounds) {
      var width = this._container.width, height = this._container.height;
      var room = Math.min(MAX_SNAPSHOTS, Math.floor(SNAPSHOT_BYTES / (width * height * 4)));
      if (room < 1) return;
      while (this._snapshots.length >= room) this._snapshots.shift();
      var canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      canvas.getContext("2d").drawImage(this._container, 0, 0);
      this._snapshots.push({ key: key, bounds: L.bounds(bounds.min, bounds.max), canvas: canvas, drawn: this._drawn,
        flags: this._drawnFlags.slice() });
    },

    /* The leg under a container point, the selected march's first; null when none. */
    legAt: function (containerPoint) {
      if (!this._map) return null;
      var v = this._view();
      var p = this._map.containerPointToLayerPoint(containerPoint);
      var x = (p.x + v.ox) / v.scale, y = (p.y + v.oy) / v.scale;
      var best = null, bestGap = Infinity;
      for (var i = this._items.length - 1; i >= 0; i--) {
        if (!this._shown[i]) continue;
        var item = this._items[i];
        var reach = (item.weight / 2 + HIT_TOLERANCE) / v.scale;
        var box = this._boxes[i];
        if (x < box[0] - reach || x > box[2] + reach || y < box[1] - reach || y > box[3] + reach) continue;
        var xy = this._points(i, v.level), gap = Infinity;
        for (var k = 2; k < xy.length; k += 2) {
          gap = Math.min(gap, distanceToSegment(x, y, xy[k - 2], xy[k - 1], xy[k], xy[k + 1]));
        }
        if (gap > reach) continue;
        var rank = this._selectedSet[item.march.id] ? -1 : gap;  // the selection wins
        if (rank < bestGap) { best = item; bestGap = rank; }
      }
      return best;
    },

    _onMouseMove: function (e) {
      // At most one search a frame, for the last position of the pointer.
      this._pointer = e;
      if (this._hoverFrame) return;
      this._hoverFrame = L.Util.requestAnimFrame(function () {
        this._hoverFrame = null;
        if (!this._map || (this._map.dragging && this._map.dragging.moving())) return;
        var e = this._pointer;
        var item = onLayerAbove(e) ? null : this.legAt(this._map.mouseEventToContainerPoint(e));
        this.getPane().style.cursor = item ? "pointer" : "";
        this.fire(item ? "legover" : "legout", { item: item, latlng: this._map.mouseEventToLatLng(e) });
      }, this);
    },

    _onMouseOut: function (e) {
      // Out of one canvas of the pane into the other is no way out of the routes.
      if (e.relatedTarget && e.relatedTarget.parentNode === this.getPane()) return;
      L.Util.cancelAnimFrame(this._hoverFrame);
      this._hoverFrame = null;
      this.getPane().style.cursor = "";
      this.fire("legout", {});
    },

    _onClick: function (e) {
      if (onLayerAbove(e)) return;
      var item = this.legAt(this._map.mouseEventToContainerPoint(e));
      if (item) this.fire("legclick", { item: item, latlng: this._map.mouseEventToLatLng(e) });
    }
  });

  var POINTER_EVENTS = { mousemove: RouteCanvas.prototype._onMouseMove,
    mouseout: RouteCanvas.prototype._onMouseOut, click: RouteCanvas.prototype._onClick };

  /* Whether the pointer is on a layer of a Leaflet canvas above the routes (a town): Leaflet
     marks that canvas leaflet-interactive while the pointer is on one of its layers, and the
     layer has the click and the hover. */
  function onLayerAbove(e) {
    var target = e.target;
    return target.tagName === "CANVAS" && target.className.indexOf("route-canvas") < 0 &&
      L.DomUtil.hasClass(target, "leaflet-interactive");
  }

  /* Small circles stamped from one drawing per style: the towns and stations of a large atlas
     (atlas.js). As arcs, each filled and stroked, thousands of them cost the rasteriser about
     twice as much at every move of the map; Leaflet's canvas does the rest (hit test, tooltips). */
  var DotCanvas = L.Canvas.extend({
    _updateCircle: function (layer) {
      if (!this._drawing || layer._empty()) return;
      var o = layer.options, ratio = L.Browser.retina ? 2 : 1;  // as L.Canvas scales its context
      var key = [layer._radius, o.weight, o.color, o.fillColor, o.fillOpacity, o.opacity].join("|");
      var dots = this._dots || (this._dots = {});
      var dot = dots[key] || (dots[key] = drawDot(layer._radius, o, ratio));
      // On whole device pixels, or the stamp comes out blurred.
      var x = Math.round((layer._point.x - dot.half) * ratio) / ratio;
      var y = Math.round((layer._point.y - dot.half) * ratio) / ratio;
      this._ctx.globalAlpha = 1;
      this._ctx.drawImage(dot.canvas, x, y, 2 * dot.half, 2 * dot.half);
    }
  });

  function drawDot(radius, o, ratio) {
    var half = Math.ceil(radius + o.weight) + 1, canvas = document.createElement("canvas");
    canvas.width = canvas.height = 2 * half * ratio;
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    ctx.arc(half, half, radius, 0, Math.PI * 2);
    if (o.fill) {
      ctx.globalAlpha = o.fillOpacity;
      ctx.fillStyle = o.fillColor || o.color;
      ctx.fill();
    }
    if (o.stroke && o.weight) {
      ctx.globalAlpha = o.opacity;
      ctx.lineWidth = o.weight;
      ctx.strokeStyle = o.color;
      ctx.stroke();
    }
    return { canvas: canvas, half: half };
  }

  /* A mode's routes as an overlay of the layer control: switching it on or off shows or hides
     that mode on the canvas (there are no layers to add or remove). */
  var ModeToggle = L.Layer.extend({
    initialize: function (canvas, mode) { this._canvas = canvas; this._mode = mode; },
    onAdd: function () { this._canvas.setModeShown(this._mode, true); },
    onRemove: function () { this._canvas.setModeShown(this._mode, false); }
  });

  window.MapgenRouteCanvas = {
    RouteCanvas: RouteCanvas, DotCanvas: DotCanvas, ModeToggle: ModeToggle, levelOf: levelOf
  };
})();
