/* The core of the atlas page: the data, the layers on the map, and the shared state
   (season, selected march, selected place). Controls register themselves in
   MapgenAtlas.controls and react to the "change" event; none of them touches another's DOM.
   Text from the data only ever reaches the page through textContent (escape by default). */
(function () {
  "use strict";
  var F = window.MapgenFormat, I = window.MapgenI18n;

  var MODE_STYLE = {
    // Okabe-Ito colours (safe for colour-blind readers) and a dash pattern per mode, so the mode
    // never depends on colour alone.
    foot: { color: "#c2410c", dashArray: null },
    train: { color: "#0063a6", dashArray: "12 7" },
    ship: { color: "#007a5e", dashArray: "2 7" },
    truck: { color: "#a3357d", dashArray: "14 5 3 5" },
    // No source states how the group was moved: neutral grey, a dash of its own.
    unknown: { color: "#6b6b6b", dashArray: "1 5 6 5" }
  };
  var MODES = ["foot", "train", "ship", "truck", "unknown"];

  /* Where a leg's direction arrows go: at its middle, and at its quarters when it is longer
     than 400 px at zoom 8. xy: its points x, y, x, y… projected at `zoom`; returns x, y and
     angle (radians) of each, in the same units. The angle is taken in projected (Mercator)
     space, which keeps angles, so it holds at every zoom. The SVG markers (_arrowsFor) and the
     canvas's triangles (route-canvas.js) both come from here. */
  function arrowsAlong(xy, zoom) {
    var lengths = [0], i;
    for (i = 2; i < xy.length; i += 2) {
      lengths.push(lengths[lengths.length - 1] + Math.hypot(xy[i] - xy[i - 2], xy[i + 1] - xy[i - 1]));
    }
    var total = lengths[lengths.length - 1], out = [];
    if (!total) return out;
    var isLong = total > 400 * Math.pow(2, zoom - 8);
    (isLong ? [0.25, 0.5, 0.75] : [0.5]).forEach(function (f) {
      var target = total * f, j = 1;
      while (j < lengths.length - 1 && lengths[j] < target) j++;
      var t = (target - lengths[j - 1]) / (lengths[j] - lengths[j - 1] || 1);
      var ax = xy[2 * j - 2], ay = xy[2 * j - 1], bx = xy[2 * j], by = xy[2 * j + 1];
      out.push(ax + (bx - ax) * t, ay + (by - ay) * t, Math.atan2(by - ay, bx - ax));
    });
    return out;
  }

  /* Line width from the march's own count of prisoners (a row of marches.csv is one group;
     a camp's totals are in evacuations.csv and never widen a line), on a log scale. A march
     with no count of its own is drawn at UNKNOWN_WEIGHT, thinner than any counted one, so that
     a thin line never claims a small group (the legend says so). */
  var UNKNOWN_WEIGHT = 2;
  function weightFor(march) {
    var n = march.prisoners ? march.prisoners[1] : 0;
    if (!n) return UNKNOWN_WEIGHT;
    return Math.max(3.5, Math.min(8, 1 + Math.log10(n) * 1.4));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function lastDay(month) {
    var parts = month.split("-");
    var days = new Date(Date.UTC(+parts[0], +parts[1], 0)).getUTCDate();
    return month + "-" + (days < 10 ? "0" : "") + days;
  }

  /* "1945-01-18" stays; "1945-01" becomes its first or last day, so spans compare as text. */
  function dayOf(text, last) {
    if (text.length === 10) return text;
    return last ? lastDay(text) : text + "-01";
  }

  function safeUrl(url) {
    // Defence in depth: the validator already refuses anything but http(s).
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function Atlas(map, data, options) {
    // The data arrives compact, lines as encoded polylines (decode.js, issue 8): expand it
    // (leg.coords as [lat, lon] pairs, stations, modes…) before anything else reads it.
    MapgenDecode.expand(data);
    this.map = map;
    this.data = data;
    this.options = options || {};
    this.places = data.places;
    this.sources = data.sources;
    this.seasons = data.seasons;
    this.marches = data.marches;
    // Without a prototype: an id from a link (#march=constructor) finds no march, not Object's.
    this.marchById = Object.create(null);
    // The filter is a season, or (classroom) a phase of the story or a month of the timeline.
    this.state = { season: "all", phase: null, month: null, march: null, place: null };
    this.phases = (options && options.phases) || [];
    this._handlers = {};
    this.modeGroups = {};
    this.legLayers = Object.create(null); // march id -> [layers]
    var self = this;
    this.marches.forEach(function (m) {
      self.marchById[m.id] = m;
      m._first = dayOf(m.start, false);
      m._last = dayOf(m.end, true);
    });
    Object.keys(this.places).forEach(function (id) { self.places[id].id = id; });
  }

  Atlas.prototype.on = function (name, fn) {
    (this._handlers[name] = this._handlers[name] || []).push(fn);
  };

  Atlas.prototype.emit = function (name, detail) {
    var self = this;
    (this._handlers[name] || []).forEach(function (fn) { fn.call(self, detail || {}); });
  };

  Atlas.prototype.hasSeason = function (id) {
    return this.seasons.some(function (s) { return s.id === id; });
  };

  Atlas.prototype.seasonLabel = function (id) {
    return this.hasSeason(id) ? I.t("season." + id) : "";
  };

  /* A text of a march (title, summary, figures_note) in the reader's language. */
  Atlas.prototype.marchText = function (march, field) {
    return I.text("march", march.id, field, march[field]);
  };

  /* A route's tooltip: title, mode and the count of prisoners ("not known" when none). */
  Atlas.prototype.legTip = function (march, mode) {
    return this.marchText(march, "title") + " · " + F.mode(mode) + " · " +
      I.t("list.prisoners", { range: F.rangeShort(march.prisoners) });
  };

  Atlas.prototype.setLang = function (lang) {
    if (!I.supported(lang) || lang === I.lang) return;
    I.lang = lang;
    I.apply(document);
    this.emit("lang");
    this.emit("change", { reason: "lang" });
  };

  Atlas.prototype.isVisible = function (march) {
    var span = this.filterSpan();
    if (span) return march._first <= span[1] && march._last >= span[0];
    return this.state.season === "all" || march.seasons.indexOf(this.state.season) >= 0;
  };

  /* The dates of the current phase or month, as ISO day strings; null for a season. */
  Atlas.prototype.filterSpan = function () {
    if (this.state.phase) {
      var phase = this.phaseById(this.state.phase);
      return [phase.start, phase.end];
    }
    if (this.state.month) return [this.state.month + "-01", lastDay(this.state.month)];
    return null;
  };

  /* What the current filter is called: "Winter 1944–45", a phase, a month; "" for all. */
  Atlas.prototype.filterLabel = function () {
    if (this.state.phase) {
      var phase = this.phaseById(this.state.phase);
      return I.text("phase", phase.id, "label", phase.label);
    }
    if (this.state.month) return F.date(this.state.month);
    return this.state.season === "all" ? "" : this.seasonLabel(this.state.season);
  };

  Atlas.prototype.phaseById = function (id) {
    for (var i = 0; i < this.phases.length; i++) if (this.phases[i].id === id) return this.phases[i];
    return null;
  };

  Atlas.prototype.setPhase = function (id, opts) {
    this._setFilter("all", this.phaseById(id) ? id : null, null, opts, "phase");
  };

  Atlas.prototype.setMonth = function (month, opts) {
    this._setFilter("all", null, /^\d{4}-\d{2}$/.test(month || "") ? month : null, opts, "month");
  };

  Atlas.prototype.visibleMarches = function () {
    var self = this;
    return this.marches.filter(function (m) { return self.isVisible(m); });
  };

  Atlas.prototype.marchesAt = function (placeId) {
    return this.marches.filter(function (m) { return m.stations.indexOf(placeId) >= 0; });
  };

  Atlas.prototype.boundsOf = function (marches) {
    // From each leg's box (decode.js), not its points: a season of thousands of marches is
    // fitted in a moment.
    var s = Infinity, w = Infinity, n = -Infinity, e = -Infinity;
    marches.forEach(function (m) {
      m.legs.forEach(function (leg) {
        var b = leg.bbox;
        if (b[0] < s) s = b[0];
        if (b[1] < w) w = b[1];
        if (b[2] > n) n = b[2];
        if (b[3] > e) e = b[3];
      });
    });
    return s <= n ? L.latLngBounds([s, w], [n, e]) : L.latLngBounds([]);
  };

  /* The ids of the marches with a leg drawn now (in the filter, and for the canvas also in the
     view), sorted. */
  Atlas.prototype.drawnMarchIds = function () {
    if (this.routeCanvas) return this.routeCanvas.drawnMarchIds().sort();
    var layers = this.legLayers;
    return Object.keys(layers).filter(function (id) {
      return layers[id].some(function (item) { return item.kind === "line" && item.layer._map; });
    }).sort();
  };

  /* The line widths (px) a march's legs are drawn with, by either renderer: what the legend's
     width rows must match. */
  Atlas.prototype.lineWeights = function (id) {
    if (this.routeCanvas) return this.routeCanvas.weightsOf(id);
    return (this.legLayers[id] || []).filter(function (item) { return item.kind === "line"; })
      .map(function (item) { return item.layer.options.weight; });
  };

  /* Colour and opacity of each leg as drawn, by either renderer ({mode, certainty, color,
     opacity}): what a reader sees of a leg, whatever draws it. */
  Atlas.prototype.legLooks = function () {
    var out = [];
    if (this.routeCanvas) {
      this.routeCanvas._items.forEach(function (item) {
        out.push({ mode: item.mode, certainty: item.leg.certainty, color: item.color, opacity: item.opacity });
      });
      return out;
    }
    Object.keys(this.legLayers).forEach(function (id) {
      this.legLayers[id].forEach(function (item) {
        if (item.kind !== "line" || !item.layer._path) return;
        var css = getComputedStyle(item.layer._path);
        out.push({ mode: item.mode, certainty: item.layer.options.className.indexOf("route-approximate") >= 0 ? "approximate" : "documented",
                   color: css.stroke, opacity: +css.strokeOpacity });
      });
    }, this);
    return out;
  };

  /* How many legs are drawn now (in the filter, and for the canvas also in the view). */
  Atlas.prototype.drawnLegCount = function () {
    if (this.routeCanvas) return this.routeCanvas.drawnCount();
    var count = 0;
    Object.keys(this.legLayers).forEach(function (id) {
      this.legLayers[id].forEach(function (item) { if (item.kind === "line" && item.layer._map) count++; });
    }, this);
    return count;
  };

  Atlas.prototype.fit = function (marches) {
    var bounds = this.boundsOf(marches);
    if (!bounds.isValid()) return;
    // Padding for whatever lies over the map now (fit.js), with a fractional zoom (the map's
    // zoomSnap) so that the routes fill what is left.
    var options = L.extend(MapgenFit.options(this.map), {
      maxZoom: 9,
      animate: !window.matchMedia("(prefers-reduced-motion: reduce)").matches
    });
    // Already there (the whole atlas, at start): Leaflet would still redraw every layer.
    if (!this._shows(bounds, options)) this.map.fitBounds(bounds, options);
  };

  /* Whether map.fitBounds(bounds, options) would leave the view as it is (Leaflet 1.9's own
     computation of the view; false when it cannot tell). */
  Atlas.prototype._shows = function (bounds, options) {
    var map = this.map;
    if (!map._getBoundsCenterZoom || !map._limitCenter) return false;
    var target = map._getBoundsCenterZoom(bounds, options);
    if (target.zoom !== map.getZoom()) return false;
    var center = map._limitCenter(target.center, target.zoom, map.options.maxBounds);
    var offset = map.latLngToContainerPoint(center).subtract(map.getSize().divideBy(2));
    return Math.abs(offset.x) < 1 && Math.abs(offset.y) < 1;
  };

  /* --- state changes: each ends in one "change" event --------------------------------- */

  Atlas.prototype.setSeason = function (season, opts) {
    if (season !== "all" && !this.hasSeason(season)) season = "all";
    this._setFilter(season, null, null, opts, "season");
  };

  Atlas.prototype._setFilter = function (season, phase, month, opts, reason) {
    opts = opts || {};
    this.state.season = season;
    this.state.phase = phase;
    this.state.month = month;
    var selected = this.marchById[this.state.march];
    if (selected && !this.isVisible(selected)) this.state.march = null;
    this._applyFilter();
    this.emit("change", { reason: reason });
    // After the change: panels that open, close or change size with it are measured as they are.
    var visible = this.visibleMarches();
    if (opts.fit !== false && visible.length) this.fit(visible);
  };

  Atlas.prototype.selectMarch = function (id, opts) {
    opts = opts || {};
    var march = this.marchById[id] || null;
    if (march && !this.isVisible(march)) {
      this.state.season = "all";
      this.state.phase = null;
      this.state.month = null;
      this._applyFilter();
    }
    this.state.march = march ? march.id : null;
    this.state.place = null;
    this._applyHighlight();
    this.emit("change", { reason: "march" });
    if (march && opts.fit !== false) this.fit([march]);
  };

  Atlas.prototype.selectPlace = function (id) {
    this.state.place = Object.prototype.hasOwnProperty.call(this.places, id) ? id : null;
    this.state.march = null;
    this._applyHighlight();
    this.emit("change", { reason: "place" });
  };

  Atlas.prototype.closeDetails = function () {
    this.state.march = null;
    this.state.place = null;
    this._applyHighlight();
    this.emit("change", { reason: "close" });
  };

  /* --- drawing -------------------------------------------------------------------------- */

  Atlas.prototype._applyFilter = function () {
    var self = this;
    if (this.routeCanvas) {
      var shown = {};
      this.marches.forEach(function (m) { shown[m.id] = self.isVisible(m); });
      var s = this.state;
      this.routeCanvas.setFilter(function (item) { return shown[item.march.id]; },
        [s.season, s.phase, s.month].join("|"));
      this._applyPlaces();
      this._applyHighlight();
      return;
    }
    this.marches.forEach(function (m) {
      var show = self.isVisible(m);
      self.legLayers[m.id].forEach(function (item) {
        var group = self.modeGroups[item.mode];
        if (show && !group.hasLayer(item.layer)) group.addLayer(item.layer);
        if (!show && group.hasLayer(item.layer)) group.removeLayer(item.layer);
      });
    });
    this._applyPlaces();
    this._applyHighlight();
  };

  /* The ids of the places whose marker is on the map now (camps, towns, stations), by either
     renderer: on a canvas the towns have no element to find. */
  Atlas.prototype.shownPlaceIds = function () {
    var map = this.map;
    return (this.placeLayers || []).filter(function (item) {
      return item.layer._map === map;
    }).map(function (item) { return item.id; });
  };

  /* The towns, stations and ports of the marches in the filter, and no others: a season or a
     month shows its own stations only. Camps stay: they are the map's frame. */
  Atlas.prototype._applyPlaces = function () {
    if (!this.placeLayers) return;
    var on = {}, towns = this.townLayer;
    this.visibleMarches().forEach(function (m) {
      m.stations.forEach(function (id) { on[id] = true; });
    });
    this.placeLayers.forEach(function (item) {
      if (item.kind === "main_camp" || item.kind === "subcamp") return;
      var show = !!on[item.id];
      if (show && !towns.hasLayer(item.layer)) towns.addLayer(item.layer);
      if (!show && towns.hasLayer(item.layer)) towns.removeLayer(item.layer);
    });
  };

  Atlas.prototype._applyHighlight = function () {
    var selected = this.state.march;
    // Without a selected march, `emphasis` (people.js: the marches of one person's way, maybe
    // none) is stressed and every other march dimmed.
    var ids = selected ? [selected] : this.emphasis || [];
    var dimOthers = !!selected || !!this.emphasis;
    var self = this;
    if (this.routeCanvas) this.routeCanvas.setSelected(ids, dimOthers);
    var marches = this.routeCanvas ? [] : this.marches;
    marches.forEach(function (m) {
      var on = ids.indexOf(m.id) >= 0;
      var dim = dimOthers && !on;
      self.legLayers[m.id].forEach(function (item) {
        if (item.kind === "line") {
          item.layer.setStyle({
            weight: item.weight + (on ? 3 : 0),
            opacity: dim ? 0.25 : item.opacity
          });
          if (on && self.modeGroups[item.mode].hasLayer(item.layer)) item.layer.bringToFront();
        } else if (item.kind === "casing") {
          item.layer.setStyle({ opacity: dim ? 0 : 0.9 });
        } else if (item.kind === "arrow") {
          var node = item.layer.getElement();
          if (node) node.style.opacity = dim ? "0.25" : "1";
        }
      });
    });
    var container = this.map.getContainer();
    container.classList.toggle("has-selection", dimOthers);
  };

  Atlas.prototype._arrowsFor = function (coords, march, mode) {
    var map = this.map, xy = [], style = MODE_STYLE[mode], markers = [];
    coords.forEach(function (c) {
      var p = map.project(L.latLng(c), 8);
      xy.push(p.x, p.y);
    });
    var arrows = arrowsAlong(xy, 8);
    for (var k = 0; k < arrows.length; k += 3) {
      var icon = L.divIcon({
        className: "route-arrow",
        html: '<span style="transform: rotate(' + (arrows[k + 2] * 180 / Math.PI).toFixed(1) +
          'deg); border-left-color: ' + style.color + '"></span>',
        iconSize: [14, 14],
        iconAnchor: [7, 7]
      });
      markers.push(L.marker(map.unproject([arrows[k], arrows[k + 1]], 8),
        { icon: icon, interactive: false, keyboard: false, pane: "arrows" }));
    }
    return markers;
  };

  Atlas.prototype._drawRoutes = function () {
    // SVG keeps one element per leg (styled and found by class: the browser tests use them);
    // a large atlas (payload.py: CANVAS_FROM_LEGS) has its routes and their direction arrows
    // drawn by our own canvas layer (route-canvas.js; issue 8): as markers, the arrows alone
    // were most of the cost of a season switch at a few hundred legs.
    this.large = this.data.renderer === "canvas";
    if (this.large) this._drawCanvasRoutes();
    else this._drawSvgRoutes();
  };

  Atlas.prototype._legStyle = function (march, leg) {
    var style = MODE_STYLE[leg.mode];
    var approx = leg.certainty === "approximate";
    return {
      color: style.color,
      dashArray: style.dashArray,
      cap: leg.mode === "ship" ? "round" : "butt",
      weight: weightFor(march) * (this.options.line_scale || 1),  // thicker in class
      // A pale casing under documented legs; approximate legs have none and are fainter (less
      // so in class: a washed-out projector would lose them; classroom.css does the same in SVG).
      casing: !approx,
      opacity: approx ? (this.options.mode === "classroom" ? 0.8 : 0.6) : 1
    };
  };

  Atlas.prototype._drawCanvasRoutes = function () {
    var self = this, map = this.map, items = [];
    this.marches.forEach(function (m) {
      self.legLayers[m.id] = [];
      m.legs.forEach(function (leg) {
        var style = self._legStyle(m, leg);
        items.push({
          leg: leg, march: m, mode: leg.mode, color: style.color, cap: style.cap,
          dash: style.dashArray ? style.dashArray.split(" ").map(Number) : null,
          weight: style.weight, opacity: style.opacity, casing: style.casing,
          styleKey: [leg.mode, style.weight, style.opacity].join("|")
        });
      });
    });
    var canvas = this.routeCanvas = new MapgenRouteCanvas.RouteCanvas(items, this.data.level_zooms);
    canvas.addTo(map);
    MODES.forEach(function (mode) {
      self.modeGroups[mode] = new MapgenRouteCanvas.ModeToggle(canvas, mode).addTo(map);
    });
    // One tooltip follows the pointer along the routes (the SVG legs each bind their own).
    var tip = L.tooltip({ className: "route-tooltip", direction: "top", offset: [0, -10] });
    canvas.on("legover", function (e) {
      tip.setContent(el("span", null, self.legTip(e.item.march, e.item.mode)));
      if (map.hasLayer(tip)) tip.setLatLng(e.latlng);
      else map.openTooltip(tip, e.latlng);
    });
    canvas.on("legout", function () { map.closeTooltip(tip); });
    canvas.on("legclick", function (e) { self.selectMarch(e.item.march.id); });
  };

  Atlas.prototype._drawSvgRoutes = function () {
    var self = this;
    var renderer = L.svg({ pane: "routes" });
    MODES.forEach(function (mode) { self.modeGroups[mode] = L.layerGroup().addTo(self.map); });
    this.marches.forEach(function (m) {
      var items = [];
      m.legs.forEach(function (leg) {
        var style = self._legStyle(m, leg);
        if (style.casing) {
          var casing = L.polyline(leg.coords, {
            renderer: renderer, color: "#fffdf8", weight: style.weight + 4, opacity: 0.9,
            interactive: false, className: "route-casing"
          });
          items.push({ kind: "casing", layer: casing, mode: leg.mode });
        }
        var line = L.polyline(leg.coords, {
          renderer: renderer,
          color: style.color,
          weight: style.weight,
          opacity: style.opacity,
          dashArray: style.dashArray,
          lineCap: style.cap,
          className: "route-leg route-" + leg.mode + " route-" + leg.certainty + " march-" + m.id
        });
        line.bindTooltip(function () {
          return el("span", null, self.legTip(m, leg.mode));
        }, { sticky: true, className: "route-tooltip" });
        line.on("click", function () { self.selectMarch(m.id); });
        items.push({ kind: "line", layer: line, mode: leg.mode, weight: style.weight, opacity: style.opacity });
        self._arrowsFor(leg.coords, m, leg.mode).forEach(function (arrow) {
          items.push({ kind: "arrow", layer: arrow, mode: leg.mode });
        });
      });
      self.legLayers[m.id] = items;
    });
  };

  /* The camps and towns, as a list of small steps for _start (one per place, in the order of
     their ids), so that drawing them never holds the page for long. */
  Atlas.prototype._drawPlaces = function () {
    var self = this;
    var map = this.map;
    // The camps' pane and the tooltips' pane stay hidden while places are added: each permanent
    // label measures itself when it opens, and with the panes shown every measure would lay out
    // the page again (20 forced layouts, a third of the time of this step).
    var hidden = [map.getPane("camps"), map.getPane("tooltipPane")];
    var steps = [function () {
      self.labelled = [];
      self.placeLayers = [];
      self.campLayer = L.layerGroup().addTo(map);
      self.townLayer = L.layerGroup().addTo(map);
      // A large atlas has thousands of towns and stations: as SVG, every zoom of a season
      // switch rewrote each of their paths (a third of the switch). A canvas stamps them,
      // above the routes' canvas in the same pane (route-canvas.js: DotCanvas).
      if (self.large) self.townRenderer = new MapgenRouteCanvas.DotCanvas({ pane: "routes", padding: 0.1 });
      // How many marches pass each place, counted once (not a search of every march per camp).
      self._passing = Object.create(null);
      self.marches.forEach(function (m) {
        m.stations.forEach(function (id, i) {
          if (m.stations.indexOf(id) === i) self._passing[id] = (self._passing[id] || 0) + 1;
        });
      });
      hidden.forEach(function (pane) { pane.style.display = "none"; });
    }];
    Object.keys(this.places).sort().forEach(function (id) {
      steps.push(function () { self._drawPlace(id); });
    });
    steps.push(function () {
      hidden.forEach(function (pane) { pane.style.display = ""; });
      // Measured while hidden, the labels were placed as if they had no height: place them
      // again (setLatLng repositions a tooltip; one layout for all of them).
      self.labelled.forEach(function (item) {
        var tip = item.layer.getTooltip();
        if (tip && tip.isOpen()) tip.setLatLng(tip.getLatLng());
      });
    });
    return steps;
  };

  Atlas.prototype._drawPlace = function (id) {
    var self = this;
    var p = this.places[id];
    var label = function () { return F.placeName(p); };
    var layer;
    if (p.kind === "main_camp" || p.kind === "subcamp") {
      layer = L.marker([p.lat, p.lon], {
        // A 24 px target around the drawn square (WCAG 2.5.8). Not in the tab order: the
        // list of camps in the panel is the way to a camp by keyboard or screen reader.
        icon: L.divIcon({
          className: "camp-marker camp-" + p.kind + " place-" + id,
          iconSize: [24, 24]
        }),
        keyboard: false,
        title: label() + " (" + F.kind(p.kind) + ")",
        alt: label(),
        pane: "camps",
        riseOnHover: true
      });
      layer.bindTooltip(el("span", null, label()), {
        permanent: false,  // labels.js names the camps on the map, clear of each other
        direction: "right",
        offset: [4, 0],
        className: p.kind === "main_camp" ? "camp-label" : "place-tooltip"
      });
      layer.addTo(this.campLayer);
      if (p.kind === "main_camp") this.labelled.push({ layer: layer, weight: this._passing[id] || 0 });
    } else {
      layer = L.circleMarker([p.lat, p.lon], {
        radius: 3.5, color: "#3b3b3b", weight: 1.2, fillColor: "#fffdf8", fillOpacity: 1,
        pane: "camps", className: "place-marker place-" + p.kind, renderer: this.townRenderer
      });
      layer.bindTooltip(el("span", null, label()), { direction: "top", className: "place-tooltip" });
      layer.addTo(this.townLayer);
    }
    layer.on("click", function () { self.selectPlace(id); });
    this.placeLayers.push({ id: id, layer: layer, label: label, kind: p.kind });
  };

  Atlas.prototype._layerControl = function () {
    // Leaflet prints layer names as HTML: only our own interface strings go there, escaped.
    function name(key, vars) { return el("span", null, I.t(key, vars)).innerHTML; }
    var overlays = {};
    // Context layers (borders of 1944-45, today's borders) registered by their scripts.
    MapgenAtlas.overlays.forEach(function (o) { overlays[name(o.key)] = o.layer; });
    overlays[name("layers.camps")] = this.campLayer;
    overlays[name("layers.towns")] = this.townLayer;
    var self = this;
    MODES.forEach(function (mode) {
      var used = self.marches.some(function (m) { return m.modes.indexOf(mode) >= 0; });
      if (used) overlays[name("layers.routes", { mode: F.modeShort(mode) })] = self.modeGroups[mode];
    });
    var bases = {};
    MapgenAtlas.baseLayers.forEach(function (base, i) {
      bases[base.key ? name(base.key) : el("span", null, base.name).innerHTML] = base.layer;
      if (i === 0 && !self._basesAdded) base.layer.addTo(self.map);
    });
    this._basesAdded = true;
    if (this.layerControl) this.layerControl.remove();
    this.layerControl = L.control.layers(bases, overlays, { position: "topleft", collapsed: true }).addTo(this.map);
  };

  Atlas.prototype._relabel = function () {
    // A new language: camp labels and titles, layer names.
    this.placeLayers.forEach(function (item) {
      var tip = item.layer.getTooltip();
      if (tip) tip.setContent(el("span", null, item.label()));
      var node = item.layer.getElement && item.layer.getElement();
      if (node && (item.kind === "main_camp" || item.kind === "subcamp")) {
        node.title = item.label() + " (" + F.kind(item.kind) + ")";
      }
    });
    this._layerControl();
    this._declutter();
  };

  Atlas.prototype._declutter = function () {
    // Camps close together (the three Auschwitz camps) would print their labels on top of one
    // another: keep the label of the camp more marches pass through, hide the ones it overlaps.
    var placed = [];
    this.labelled.slice().sort(function (a, b) { return b.weight - a.weight; }).forEach(function (item) {
      var tip = item.layer.getTooltip();
      var node = tip && tip.getElement();
      if (!node) return;
      node.style.visibility = "";
      var r = node.getBoundingClientRect();
      var hit = placed.some(function (q) {
        return r.left < q.right && r.right > q.left && r.top < q.bottom && r.bottom > q.top;
      });
      if (hit) node.style.visibility = "hidden";
      else placed.push(r);
    });
  };

  Atlas.prototype._zoomClasses = function () {
    var container = this.map.getContainer();
    var zoom = this.map.getZoom();
    container.classList.toggle("zoom-low", zoom < 5);
    container.classList.toggle("zoom-mid", zoom < 6);
    // Town dots shrink when zoomed out, so that the stations of a march stay apart.
    var radius = zoom < 5 ? 2.2 : zoom < 6 ? 2.8 : 3.5;
    if (radius !== this._townRadius && this.placeLayers) {
      this._townRadius = radius;
      this.placeLayers.forEach(function (item) { if (item.layer.setRadius) item.layer.setRadius(radius); });
    }
  };

  /* --- start ---------------------------------------------------------------------------- */

  // Start-up runs as a list of small steps, in slices of about SLICE_MS with a new task between
  // them, so that the page can paint and answer input while the map is drawn. It was one task
  // of 0.4-0.6 s on Lighthouse's simulated phone (its total blocking time, issue 8).
  var SLICE_MS = 6;

  // A new task: scheduler.postTask where there is one (no minimum delay, and not held back by
  // a test's fake clock), else a timeout.
  function nextTask(fn) {
    if (window.scheduler && window.scheduler.postTask) window.scheduler.postTask(fn);
    else setTimeout(fn, 0);
  }

  /* Run the steps in order, a new task whenever a slice has taken SLICE_MS. A step may return
     more steps, which run next, or a promise, which the next step waits for. Resolves when all
     have run; rejects, and stops, at the first that throws or rejects. */
  function runSteps(steps) {
    return new Promise(function (resolve, reject) {
      var i = 0;
      function slice() {
        var end = performance.now() + SLICE_MS;
        try {
          while (i < steps.length) {
            var more = steps[i++]();
            if (more && typeof more.then === "function") {
              more.then(function () { nextTask(slice); }, reject);
              return;
            }
            if (Array.isArray(more)) steps.splice.apply(steps, [i, 0].concat(more));
            if (i < steps.length && performance.now() >= end) {
              nextTask(slice);
              return;
            }
          }
        } catch (error) {
          reject(error);
          return;
        }
        resolve();
      }
      nextTask(slice);
    });
  }

  var MapgenAtlas = {
    controls: [],
    baseLayers: [],
    overlays: [],
    basemaps: [],
    el: el,
    safeUrl: safeUrl,
    arrowsAlong: arrowsAlong,
    lastDay: lastDay,
    weightFor: weightFor,
    MODE_STYLE: MODE_STYLE,
    MODES: MODES,
    UNKNOWN_WEIGHT: UNKNOWN_WEIGHT,
    weightFor: weightFor,
    /* The JSON of a <script type="application/json"> element; the translations come packed
       (gzip, base64: render/assets.py packed_json) and are unpacked by the browser itself. */
    read: function (id) {
      var node = document.getElementById(id);
      if (node.getAttribute("data-encoding") !== "gzip+base64") {
        return Promise.resolve(JSON.parse(node.textContent));
      }
      var text = node.textContent.trim(), bytes;
      if (Uint8Array.fromBase64) {
        bytes = Uint8Array.fromBase64(text);  // a hundred times faster than the loop below
      } else {
        var binary = atob(text);
        bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).text().then(JSON.parse);
    },

    /* Draw the atlas on `map` and start every control; resolves to the atlas once the page is
       marked atlas-ready. `data` is the page's data, or the id of the element that holds it. */
    start: function (map, data, options) {
      var i18n;
      return runSteps([
        function () {
          return MapgenAtlas.read("i18n-data").then(function (value) { i18n = value; });
        },
        function () {
          if (typeof data === "string") return MapgenAtlas.read(data).then(function (value) { data = value; });
        },
        function () {
          return MapgenAtlas._start(map, data, options, i18n);
        }
      ]).then(function () { return MapgenAtlas.atlas; });
    },

    /* The steps of the start, in the order they run. */
    _start: function (map, data, options, i18n) {
      ["basemap", "routes", "arrows", "camps"].forEach(function (name, i) {
        var pane = map.createPane(name);
        pane.style.zIndex = String(200 + i * 150);
      });
      map.getPane("basemap").style.pointerEvents = "none";
      map.getPane("arrows").style.pointerEvents = "none";
      I.init(i18n);
      I.apply(document);
      var atlas;
      return [function () {
        atlas = new Atlas(map, data, options);
        MapgenAtlas.atlas = atlas;
        atlas.on("lang", function () { atlas._relabel(); });
      }, function () {
        // Leaflet needs a view before vector layers are added.
        var all = atlas.boundsOf(atlas.marches);
        if (all.isValid()) map.fitBounds(all, { padding: [30, 30], animate: false });
        else map.setView([51, 15], 5);
      }, function () {
        atlas._drawRoutes();
        // The routes of the first view, a march at a time: at "ready" the filter finds them on
        // the map (it adds only what is missing) instead of drawing them all in one task. Not
        // for a large atlas: its canvas would be drawn again at every frame between the steps.
        if (atlas.large) return [];
        return atlas.marches.map(function (m) {
          return function () {
            if (!atlas.isVisible(m)) return;
            (atlas.legLayers[m.id] || []).forEach(function (item) {
              atlas.modeGroups[item.mode].addLayer(item.layer);
            });
          };
        });
      }, function () {
        return atlas._drawPlaces();
      }].concat(MapgenAtlas.basemaps.map(function (fn) {
        return function () { return fn(atlas); };  // a basemap may return steps of its own
      }), [function () {
        atlas._layerControl();
      }, function () {
        atlas._zoomClasses();
        map.on("zoomend", function () { atlas._zoomClasses(); atlas._declutter(); });
        atlas._declutter();
      }], MapgenAtlas.controls.map(function (fn) {
        return function () { return fn(atlas); };  // a control too may return steps
      }), [function () {
        atlas.emit("ready");
        if (!atlas.initialised) atlas.setSeason("all", { fit: false });
        document.documentElement.classList.add("atlas-ready");
      }]);
    }
  };
  window.MapgenAtlas = MapgenAtlas;
})();
