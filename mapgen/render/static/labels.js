/* Names on the map: the stations of the chosen march, the camps, a set of reference cities and
   the countries, placed so that no two overlap. Placement is greedy by priority: each label
   tries the right, left, top and bottom of its point and takes the first spot that is clear of
   every label already placed, of the camps' and towns' markers and of the map's edge; a label
   with no clear spot is left out. Labels lie above the routes and below the markers, with a
   halo. Camps whose markers would touch (Auschwitz I, II and III zoomed out) become one marker
   with one name. After each placement the map carries data-labels="placed". */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n;

  var GAP = 4;          // px between a marker and its label
  var PAD = 2;          // px kept clear around each label
  var CLUSTER_PX = 18;  // camps closer than this on screen are drawn as one
  var SUBCAMP_ZOOM = 7, TOWN_ZOOM = 8.5;

  // The basemap names today's countries in English; the page names them in its language.
  var COUNTRY_CODES = {
    "Albania": "AL", "Austria": "AT", "Belarus": "BY", "Belgium": "BE", "Bosnia and Herzegovina": "BA",
    "Bulgaria": "BG", "Croatia": "HR", "Czechia": "CZ", "Denmark": "DK", "Estonia": "EE", "Finland": "FI",
    "France": "FR", "Germany": "DE", "Hungary": "HU", "Italy": "IT", "Kosovo": "XK", "Latvia": "LV",
    "Lithuania": "LT", "Luxembourg": "LU", "Moldova": "MD", "Montenegro": "ME", "Netherlands": "NL",
    "North Macedonia": "MK", "Norway": "NO", "Poland": "PL", "Romania": "RO", "Russia": "RU",
    "Serbia": "RS", "Slovakia": "SK", "Slovenia": "SI", "Spain": "ES", "Sweden": "SE",
    "Switzerland": "CH", "Turkey": "TR", "Ukraine": "UA", "United Kingdom": "GB"
  };

  function countryName(label) {
    var code = COUNTRY_CODES[label.name];
    if (!code || !window.Intl || !Intl.DisplayNames) return label.name;
    try {
      return I.intl("DisplayNames", { type: "region" }).of(code) || label.name;
    } catch (e) {
      return label.name;
    }
  }

  /* A city as places are named: wartime name with today's, in the language's own exonym. */
  function cityName(city) {
    var local = I.text("city", city.id, "name", I.text("place", city.id, "name", city.name_local));
    var first = city.name_wartime || city.name;
    if (I.lang !== "en" && !city.name_wartime) first = local;
    if (!local || local === first || local.indexOf(first) === 0) return local || first;
    return I.meta().place_order === "local-wartime" ? local + " / " + first : first + " / " + local;
  }

  /* The words the names of a cluster share: "Auschwitz" for Auschwitz I, II-Birkenau, III. */
  function commonName(names) {
    var words = names[0].split(/\s+/);
    names.slice(1).forEach(function (name) {
      var other = name.split(/\s+/), n = 0;
      while (n < words.length && n < other.length && words[n] === other[n]) n++;
      words = words.slice(0, n);
    });
    return words.join(" ");
  }

  function overlaps(a, b) {
    return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  }

  A.controls.push(function (atlas) {
    var map = atlas.map;
    var pane = map.createPane("labels");
    // Above the routes (350), arrows (500) and markers (650), below the hover names: a label
    // never lies on a camp's marker (placement keeps clear of them); a station's or camp's
    // name may cover a town's dot, which is then read from the label beside it.
    pane.style.zIndex = "655";
    pane.style.pointerEvents = "none";
    map.getPane("tooltipPane").style.zIndex = "660";
    var container = map.getContainer();
    container.classList.add("has-labels");  // the basemap's own country names step aside
    var nodes = {};  // key -> {node, text, w, h}
    var dots = {};   // city id -> dot element
    var layersById = {};
    atlas.placeLayers.forEach(function (item) { layersById[item.id] = item.layer; });
    // Today's country names only with today's borders: over 1944-45 they would mislead.
    function countries() {
      return A.todayBorders && map.hasLayer(A.todayBorders) ? A.countryLabels || [] : [];
    }
    var cities = atlas.data.cities || [];

    function nodeFor(key, text, className) {
      var item = nodes[key];
      if (!item) {
        var node = A.el("div", "map-label " + className);
        node.appendChild(A.el("span", null, text));
        node.setAttribute("aria-hidden", "true");  // the lists and the details name them too
        pane.appendChild(node);
        item = nodes[key] = { node: node, text: text, w: 0, h: 0 };
      } else if (item.text !== text) {
        item.node.firstChild.textContent = text;
        item.text = text;
        item.w = 0;
      }
      return item;
    }

    function visibleStations() {
      var on = {};
      atlas.visibleMarches().forEach(function (m) {
        m.stations.forEach(function (id) { on[id] = true; });
      });
      return on;
    }

    function isEnglishFallback(kind, id) {
      return I.lang !== "en" && !I.text(kind, id, "name", "");
    }

    /* Everything that could be named now, most important first. */
    function candidates(zoom) {
      var out = [], selected = atlas.marchById[atlas.state.march], onRoute = {};
      var stations = visibleStations();
      if (selected) {
        // Its start and end first, then where one leg gives way to the next (a change from
        // foot to train), then the places passed on the way.
        var last = selected.stations.length - 1, joints = {};
        selected.legs.forEach(function (leg) { joints[leg.from] = joints[leg.to] = true; });
        selected.stations.forEach(function (id, i) {
          onRoute[id] = true;
          var p = atlas.places[id], end = i === 0 || i === last;
          out.push({ key: "p:" + id, id: id, latlng: [p.lat, p.lon], text: F.placeName(p),
                     cls: "station-label" + (end ? " is-end" : ""),
                     rank: end ? 0 : joints[id] ? 0.5 : 1, mark: 8 });
        });
      }
      var camps = Object.keys(atlas.places).map(function (id) { return atlas.places[id]; })
        .filter(function (p) { return p.kind === "main_camp" || p.kind === "subcamp"; });
      var showCamps = map.hasLayer(atlas.campLayer);
      camps.forEach(function (p) {
        if (onRoute[p.id] || !showCamps) return;
        var main = p.kind === "main_camp";
        if (!main && zoom < SUBCAMP_ZOOM) return;
        out.push({ key: "p:" + p.id, id: p.id, latlng: [p.lat, p.lon], text: F.placeName(p),
                   cls: "camp-label-map", rank: main ? 2 : 4, weight: atlas._passing[p.id] || 0, mark: 8 });
      });
      cities.forEach(function (c) {
        if (zoom < c.min_zoom || onRoute[c.id]) return;
        out.push({ key: "c:" + c.id, id: c.id, latlng: [c.lat, c.lon], text: cityName(c),
                   cls: "city-label", rank: 3, weight: -c.min_zoom, mark: 4, city: c,
                   english: isEnglishFallback("city", c.id) && isEnglishFallback("place", c.id) });
      });
      if (zoom >= TOWN_ZOOM && map.hasLayer(atlas.townLayer)) {
        Object.keys(stations).forEach(function (id) {
          var p = atlas.places[id];
          if (!p || onRoute[id] || p.kind === "main_camp" || p.kind === "subcamp") return;
          out.push({ key: "p:" + id, id: id, latlng: [p.lat, p.lon], text: F.placeName(p),
                     cls: "town-label", rank: 5, mark: 5 });
        });
      }
      countries().forEach(function (label) {
        out.push({ key: "n:" + label.name, latlng: [label.lat, label.lon], text: countryName(label),
                   cls: "country-name", rank: 6, center: true });
      });
      out.sort(function (a, b) { return a.rank - b.rank || (b.weight || 0) - (a.weight || 0); });
      // One label per place: a city that is also a station or a camp is named once, first.
      var seen = {};
      return out.filter(function (c) {
        var id = c.id ? c.id : c.key;
        if (seen[id]) return false;
        seen[id] = true;
        return true;
      });
    }

    /* The side (px) of a main camp's drawn square at this zoom, its outline included: the CSS
       shrinks it when zoomed out (labels.css). */
    function mainCampSide() {
      var node = container.querySelector(".leaflet-marker-icon.camp-main_camp:not(.is-clustered)");
      if (!node) return 12;
      var before = getComputedStyle(node, "::before");
      return (parseFloat(before.width) || 10) + 2;
    }

    /* Camps whose markers touch at this zoom: the one more marches pass keeps its marker and
       takes the group's name; the others' markers are hidden. Returns id -> group name. */
    function cluster(zoom) {
      var camps = Object.keys(atlas.places).map(function (id) { return atlas.places[id]; })
        .filter(function (p) { return p.kind === "main_camp" || p.kind === "subcamp"; })
        .sort(function (a, b) {
          return (b.kind === "main_camp") - (a.kind === "main_camp") ||
            (atlas._passing[b.id] || 0) - (atlas._passing[a.id] || 0) || (a.id < b.id ? -1 : 1);
        });
      var kept = [], hidden = {}, names = {}, touch = mainCampSide();
      camps.forEach(function (p) {
        var pt = map.project([p.lat, p.lon], zoom);
        var host = null;
        // Camps of one complex (a name in common) fold together when close; two camps that
        // merely lie close keep their own markers and names, unless their markers would lie on
        // one another (Sachsenhausen and Ravensbrück on a phone): then one marker stands for
        // both and its name says so.
        var name = p.name_wartime || p.name;
        for (var i = 0; i < kept.length; i++) {
          if (kept[i].p.kind !== p.kind) continue;
          var d = kept[i].pt.distanceTo(pt);
          if ((d < CLUSTER_PX && commonName([kept[i].p.name_wartime || kept[i].p.name, name]).length > 3) ||
              (p.kind === "main_camp" && d < touch)) { host = kept[i]; break; }
        }
        if (host) {
          hidden[p.id] = true;
          host.members.push(p);
        } else {
          kept.push({ p: p, pt: pt, members: [p] });
        }
      });
      kept.forEach(function (k) {
        if (k.members.length < 2) return;
        var common = commonName(k.members.map(function (p) { return p.name_wartime || p.name; }));
        names[k.p.id] = common || k.members.map(function (m) { return m.name_wartime || m.name; }).join(", ");
      });
      Object.keys(layersById).forEach(function (id) {
        var node = layersById[id].getElement && layersById[id].getElement();
        if (node && node.classList.contains("camp-marker")) node.classList.toggle("is-clustered", !!hidden[id]);
      });
      return { hidden: hidden, names: names };
    }

    function place() {
      pane.style.display = "";  // shown before measuring: a hidden label measures 0 px
      var zoom = map.getZoom();
      var size = map.getSize();
      var groups = cluster(zoom);
      var list = candidates(zoom).filter(function (c) { return !groups.hidden[c.id]; });
      list.forEach(function (c) {
        if (groups.names[c.id]) c.text = groups.names[c.id];
      });
      // Every node is made (or renamed) first and measured in one layout.
      list.forEach(function (c) {
        c.item = nodeFor(c.key + (c.cls.indexOf("station") === 0 ? "#s" : ""), c.text, c.cls);
        c.item.node.className = "map-label " + c.cls;
        if (c.english) {
          c.item.node.lang = "en";
        } else {
          c.item.node.removeAttribute("lang");
        }
      });
      Object.keys(nodes).forEach(function (key) { nodes[key].node.hidden = true; });
      list.forEach(function (c) {
        c.item.node.hidden = false;
        c.item.node.style.visibility = "hidden";
      });
      list.forEach(function (c) {
        if (!c.item.w) {
          c.item.w = c.item.node.offsetWidth;
          c.item.h = c.item.node.offsetHeight;
        }
      });
      // The markers a label must not cover: camps (not hidden in a cluster), towns in view.
      var blocked = [], dotted = [];
      function block(latlng, r, into) {
        var p = map.latLngToContainerPoint(latlng);
        (into || blocked).push({ left: p.x - r, right: p.x + r, top: p.y - r, bottom: p.y + r });
      }
      var stations = visibleStations();
      var showCamps = map.hasLayer(atlas.campLayer), showTowns = map.hasLayer(atlas.townLayer);
      Object.keys(atlas.places).forEach(function (id) {
        var p = atlas.places[id];
        var camp = p.kind === "main_camp" || p.kind === "subcamp";
        if (camp && !groups.hidden[id] && showCamps) block([p.lat, p.lon], 8);
        else if (!camp && stations[id] && showTowns) block([p.lat, p.lon], 4.5, dotted);
      });
      cities.forEach(function (c) { if (zoom >= c.min_zoom) block([c.lat, c.lon], 3.5, dotted); });
      var view = { left: 2, top: 2, right: size.x - 2, bottom: size.y - 2 };
      // Nothing is named under the details, the legend or a button: it could not be read.
      var box = container.getBoundingClientRect();
      MapgenFit.covers(map).forEach(function (r) {
        blocked.push({ left: r.left - box.left, right: r.right - box.left,
                       top: r.top - box.top, bottom: r.bottom - box.top });
      });
      var placed = [], shown = 0;
      list.forEach(function (c) {
        var pt = map.latLngToContainerPoint(c.latlng), w = c.item.w, h = c.item.h;
        var gap = (c.mark || 0) + PAD + GAP / 2;  // clear of its own marker
        var spots = c.center ? [[pt.x - w / 2, pt.y - h / 2]] : [
          [pt.x + gap, pt.y - h / 2], [pt.x - gap - w, pt.y - h / 2],
          [pt.x - w / 2, pt.y - gap - h], [pt.x - w / 2, pt.y + gap]
        ];
        var at = null;
        for (var i = 0; i < spots.length && !at; i++) {
          var r = { left: spots[i][0] - PAD, top: spots[i][1] - PAD,
                    right: spots[i][0] + w + PAD, bottom: spots[i][1] + h + PAD };
          if (r.left < view.left || r.top < view.top || r.right > view.right || r.bottom > view.bottom) continue;
          var free = !placed.some(function (q) { return overlaps(r, q); }) &&
            !blocked.some(function (q) { return overlaps(r, q); }) &&
            (c.rank <= 2 || !dotted.some(function (q) { return overlaps(r, q); }));
          if (free) at = r;
        }
        var node = c.item.node;
        if (!at) {
          node.hidden = true;
          return;
        }
        placed.push(at);
        shown++;
        var layer = map.containerPointToLayerPoint([at.left + PAD, at.top + PAD]);
        L.DomUtil.setPosition(node, layer.round());
        node.style.visibility = "";
      });
      // The reference cities that are not already a town on the map get a dot of their own.
      cities.forEach(function (c) {
        var dot = dots[c.id];
        var show = zoom >= c.min_zoom && !(stations[c.id] && showTowns);
        if (!dot && show) {
          dot = dots[c.id] = A.el("div", "city-dot");
          pane.appendChild(dot);
        }
        if (!dot) return;
        dot.hidden = !show;
        if (show) L.DomUtil.setPosition(dot, map.latLngToLayerPoint([c.lat, c.lon]).round());
      });
      container.setAttribute("data-labels", "placed");
      container.setAttribute("data-label-count", String(shown));
    }

    var pending = false;
    function later() {
      if (pending) return;
      pending = true;
      container.setAttribute("data-labels", "pending");
      // After the change's own drawing (the fit, the details), in the next frame.
      requestAnimationFrame(function () {
        pending = false;
        place();
      });
    }
    map.on("zoomstart", function () { pane.style.display = "none"; container.setAttribute("data-labels", "pending"); });
    map.on("moveend zoomend resize", later);
    atlas.on("change", later);
    map.on("layeradd layerremove", function (e) {
      if (e.layer === atlas.campLayer || e.layer === atlas.townLayer || e.layer === A.todayBorders) later();
    });
    A.labels = { place: place, commonName: commonName, cityName: cityName };
    place();
  });
})();
