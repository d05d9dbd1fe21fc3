/* The legend: every symbol on the map, drawn with the same styles the map uses. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;
  var SVG = "http://www.w3.org/2000/svg";

  function swatch(attrs) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "44");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "2"); line.setAttribute("y1", "7");
    line.setAttribute("x2", "42"); line.setAttribute("y2", "7");
    Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null) line.setAttribute(k, attrs[k]); });
    svg.appendChild(line);
    return svg;
  }

  function row(list, symbol, label) {
    var li = el("li");
    li.appendChild(symbol);
    li.appendChild(el("span", null, label));
    list.appendChild(li);
  }

  A.controls.push(function (atlas) {
    var Legend = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "legend leaflet-bar");
        var toggle = el("button", "legend-toggle", I.t("legend.title"));
        toggle.type = "button";
        var body = el("div", "legend-body");
        body.id = "legend-body";
        toggle.setAttribute("aria-controls", "legend-body");
        var narrow = window.matchMedia("(max-width: 600px)").matches;
        toggle.setAttribute("aria-expanded", String(!narrow));
        body.hidden = narrow;
        toggle.addEventListener("click", function () {
          var open = toggle.getAttribute("aria-expanded") !== "true";
          toggle.setAttribute("aria-expanded", String(open));
          body.hidden = !open;
        });
        var list = el("ul", "legend-list");
        fill(list, body);
        atlas.on("lang", function () {
          toggle.textContent = I.t("legend.title");
          fill(list, body);
        });
        box.appendChild(toggle);
        box.appendChild(body);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });

    function fill(list, body) {
      list.textContent = "";
      body.textContent = "";
      A.MODES.forEach(function (mode) {
        var used = atlas.marches.some(function (m) { return m.modes.indexOf(mode) >= 0; });
        if (!used) return;
        var s = A.MODE_STYLE[mode];
        row(list, swatch({ stroke: s.color, "stroke-width": "4", "stroke-dasharray": s.dashArray }), F.mode(mode));
      });
      row(list, swatch({ stroke: "#555", "stroke-width": "4" }), I.t("legend.documented"));
      row(list, swatch({ stroke: "#555", "stroke-width": "4", "stroke-opacity": "0.45" }), I.t("legend.approximate"));
      var arrow = el("span", "legend-arrow");
      arrow.setAttribute("aria-hidden", "true");
      row(list, arrow, I.t("legend.direction"));
      row(list, swatch({ stroke: "#555", "stroke-width": "7" }), I.t("legend.width"));
      if (atlas.marches.some(function (m) { return !m.prisoners; })) {
        row(list, swatch({ stroke: "#555", "stroke-width": String(A.UNKNOWN_WEIGHT) }), I.t("legend.width_unknown"));
      }
      var main = el("span", "legend-camp camp-main_camp");
      main.setAttribute("aria-hidden", "true");
      row(list, main, I.t("legend.main_camp"));
      var sub = el("span", "legend-camp camp-subcamp");
      sub.setAttribute("aria-hidden", "true");
      row(list, sub, I.t("legend.subcamp"));
      var town = el("span", "legend-town");
      town.setAttribute("aria-hidden", "true");
      row(list, town, I.t("legend.town"));
      body.appendChild(list);
      var front = swatch({ stroke: "#8a2b0e", "stroke-width": "3.5", "stroke-dasharray": "10 4 2 4" });
      row(list, front, I.t("legend.front"));
      var ring = el("span", "legend-liberated");
      ring.setAttribute("aria-hidden", "true");
      row(list, ring, I.t("legend.liberated"));
      body.appendChild(el("p", "legend-borders", I.t("legend.borders_1944")));
      body.appendChild(el("p", "legend-borders", I.t("legend.borders_today")));
    }
    new Legend().addTo(atlas.map);
  });
})();
