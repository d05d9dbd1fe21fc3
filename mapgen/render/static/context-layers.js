/* The historical context under the routes: the borders of 1944–45 (the default; today's borders
   are a choice in the layer control, basemap.js), the front line of the chosen month with the
   previous one faint, and the camps already liberated that month, ringed, with their date. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;
  var FRONT_STYLE = { color: "#8a2b0e", weight: 3.5, opacity: 0.95, dashArray: "10 4 2 4", interactive: true };
  var PREVIOUS_STYLE = { color: "#8a2b0e", weight: 2, opacity: 0.35, dashArray: "6 6", interactive: false };
  var STATUS_FILL = {
    reich: "#b9a68f", annexed: "#c9b8a3", protectorate: "#d3c4ae", "occupied-administration": "#ddd2c0",
    reichskommissariat: "#ddd2c0", "allied-state": "#e3dccd", neutral: "#f2efe8", state: "#ece7dc"
  };

  var DEFAULT_DAY = "1945-01-01";


  /* Per front, the line of the month (the latest dated in it, else the latest before it) and
     the previous one (the latest before the month began). */
  function linesFor(lines, month) {
    var start = month + "-01", end = A.lastDay(month), current = {}, previous = {};
    lines.forEach(function (f) {
      if (f.date <= end && (!current[f.front] || f.date > current[f.front].date)) current[f.front] = f;
    });
    lines.forEach(function (f) {
      var cur = current[f.front];
      if (cur && f.date < start && f.date < cur.date && (!previous[f.front] || f.date > previous[f.front].date)) previous[f.front] = f;
    });
    var pick = function (o) { return Object.keys(o).sort().map(function (k) { return o[k]; }); };
    return { current: pick(current), previous: pick(previous) };
  }

  /* Has the camp been liberated by the end of `month`? A date known only to the month counts
     in that month. */
  function liberatedBy(lib, month) {
    return !!(lib && lib.liberated && lib.liberated.slice(0, 7) <= month);
  }

  A.context = { linesFor: linesFor, liberatedBy: liberatedBy, data: null };

  A.basemaps.push(function (atlas) {
    if (!document.getElementById("context-data")) return;
    // Packed (gzip, base64) like the translations: unpacked by the browser, then drawn.
    return A.read("context-data").then(function (data) { draw(atlas, data); });
  });

  function draw(atlas, data) {
    A.context.data = data;
    // Looked up by place id: a map without a prototype, so that an id such as 'constructor'
    // finds only its own row.
    atlas.liberations = Object.assign(Object.create(null), data.liberations);
    var map = atlas.map;
    var pane = map.createPane("context");
    pane.style.zIndex = "280";  // above the basemap (200), under the routes (350)
    pane.style.pointerEvents = "none";
    var frontPane = map.createPane("fronts");
    frontPane.style.zIndex = "330";
    var renderer = L.svg({ pane: "context", padding: 0.3 });
    var frontRenderer = L.svg({ pane: "fronts", padding: 0.3 });
    var decode = function (text) { return MapgenDecode.polyline(text, data.precision); };

    var borders = L.layerGroup();
    var labels = [], pieces = [];
    data.borders.forEach(function (b) {
      var piece = L.layerGroup().addTo(borders);
      pieces.push({ layer: piece, border: b });
      L.polygon(b.polygons.map(function (rings) { return rings.map(decode); }), {
        renderer: renderer, interactive: false, color: "#6b5a45", weight: 1.1, opacity: 0.8,
        fillColor: STATUS_FILL[b.status] || "#e8e2d6", fillOpacity: 0.45,
        className: "border-1944 border-" + b.status
      }).addTo(piece);
      var span = el("span", null, "");
      labels.push({ span: span, border: b });
      L.marker(b.label, {
        icon: L.divIcon({ className: "border-label", html: span, iconSize: null }),
        interactive: false, keyboard: false, pane: "context"
      }).addTo(piece);
    });
    /* The territories of the chosen month's last day; without a month, of 1 January 1945
       (Romania, Bulgaria and Finland changed sides in 1944: one shape for each side). */
    function dated() {
      var day = atlas.state.month ? A.lastDay(atlas.state.month) : DEFAULT_DAY;
      pieces.forEach(function (item) {
        var on = item.border.valid_from <= day && item.border.valid_to >= day;
        if (on && !borders.hasLayer(item.layer)) borders.addLayer(item.layer);
        if (!on && borders.hasLayer(item.layer)) borders.removeLayer(item.layer);
      });
    }
    function label() {
      labels.forEach(function (item) {
        item.span.textContent = I.text("border", item.border.id, "name", item.border.name);
      });
    }
    label();
    atlas.on("lang", label);
    borders.addTo(map);
    A.overlays.unshift({ key: "layers.borders_1944", layer: borders });

    var fronts = L.layerGroup().addTo(map);
    atlas.frontLayer = fronts;
    var tip = function (f) {
      return I.t("front.tooltip", { date: F.date(f.date) }) +
        (f.certainty === "approximate" ? " (" + I.t("front.approximate") + ")" : "");
    };
    function drawFronts() {
      fronts.clearLayers();
      var month = atlas.state.month;
      document.documentElement.setAttribute("data-front-month", month || "");
      if (!month) return;
      var chosen = linesFor(data.frontlines, month);
      chosen.previous.forEach(function (f) {
        L.polyline(f.lines.map(decode), Object.assign({ renderer: frontRenderer, className: "front-line front-previous" }, PREVIOUS_STYLE)).addTo(fronts);
      });
      chosen.current.forEach(function (f) {
        var line = L.polyline(f.lines.map(decode), Object.assign({ renderer: frontRenderer, className: "front-line front-current front-" + f.front }, FRONT_STYLE)).addTo(fronts);
        line.bindTooltip(el("span", null, tip(f)), { sticky: true, className: "place-tooltip" });
      });
      document.documentElement.setAttribute("data-front-lines", chosen.current.map(function (f) { return f.id; }).join(" "));
    }
    function rings() {
      var month = atlas.state.month;
      var n = 0;
      atlas.placeLayers.forEach(function (item) {
        var icon = item.layer._icon;
        var id = item.id;
        if (!icon || !id) return;
        var on = !!month && liberatedBy(atlas.liberations[id], month);
        icon.classList.toggle("camp-liberated", on);
        var name = item.label() + " (" + F.kind(item.kind) + ")";
        icon.title = on ? name + " – " + I.t("liberation.tooltip", { date: F.date(atlas.liberations[id].liberated) }) : name;
        if (on) n++;
      });
      document.documentElement.setAttribute("data-liberated-count", String(n));
    }
    atlas.on("change", function () { dated(); drawFronts(); rings(); });
    atlas.on("lang", drawFronts);
    atlas.on("ready", function () { dated(); drawFronts(); rings(); });
  }
})();
