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
        // Folded where it would take much of a small map, and while a march is chosen (the
        // route and its card need the room); the reader opens it with one press.
        var size = atlas.map.getSize();
        var small = size.x < 700 || size.y < 800;
        var wanted = !small;  // the reader's choice, restored when the march is closed
        function show(open) {
          toggle.setAttribute("aria-expanded", String(open));
          body.hidden = !open;
        }
        show(wanted);
        toggle.addEventListener("click", function () {
          wanted = toggle.getAttribute("aria-expanded") !== "true";
          show(wanted);
        });
        // Folded, too, where open it would reach the buttons at the top of the map (a
        // classroom's large type over its story bar): measured once it is on the map.
        box._fitCheck = function () {
          if (!wanted) return;
          var top = box.getBoundingClientRect().top;
          var controls = atlas.map.getContainer().querySelector(".leaflet-top.leaflet-left");
          var limit = controls ? controls.getBoundingClientRect().bottom + 8 : 0;
          if (top < limit) {
            wanted = false;
            show(false);
          }
        };
        var chosen = null;
        atlas.on("change", function () {
          if (atlas.state.march === chosen) return;
          chosen = atlas.state.march;
          show(chosen ? false : wanted);
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
      // How many, at a glance: the widths the map gives to a few numbers of prisoners.
      var widths = el("li", "legend-width-heading", I.t("legend.width"));
      list.appendChild(widths);
      var scale = atlas.options.line_scale || 1;
      [1000, 10000, 50000, null].forEach(function (n) {
        var w = A.weightFor({ prisoners: n ? [n, n] : null }) * scale;
        var item = el("li", "legend-width");
        item.appendChild(swatch({ stroke: "#555", "stroke-width": w.toFixed(1) }));
        item.appendChild(el("span", null, n ? I.t("legend.width_value", { n: n }) : I.t("legend.width_unknown")));
        list.appendChild(item);
      });
      var city = el("span", "legend-city");
      city.setAttribute("aria-hidden", "true");
      var main = el("span", "legend-camp camp-main_camp");
      main.setAttribute("aria-hidden", "true");
      row(list, main, I.t("legend.main_camp"));
      var sub = el("span", "legend-camp camp-subcamp");
      sub.setAttribute("aria-hidden", "true");
      row(list, sub, I.t("legend.subcamp"));
      var town = el("span", "legend-town");
      town.setAttribute("aria-hidden", "true");
      row(list, town, I.t("legend.town"));
      if ((atlas.data.cities || []).length) row(list, city, I.t("legend.city"));
      body.appendChild(list);
      var front = swatch({ stroke: "#8a2b0e", "stroke-width": "3.5", "stroke-dasharray": "10 4 2 4" });
      row(list, front, I.t("legend.front"));
      var ring = el("span", "legend-liberated");
      ring.setAttribute("aria-hidden", "true");
      row(list, ring, I.t("legend.liberated"));
      body.appendChild(el("p", "legend-borders", I.t("legend.borders_1944")));
      body.appendChild(el("p", "legend-borders", I.t("legend.borders_today")));
    }
    var legend = new Legend().addTo(atlas.map);
    // Once the other controls are on the map too (they are added after this one).
    atlas.on("ready", function () { legend.getContainer()._fitCheck(); });
  });
})();
