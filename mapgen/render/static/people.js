/* People: one person's way through the evacuations. A class reaches the marches through one
   person, not through 60,000.

   The list "People" sits above the marches. Choosing a person draws their way as one path over
   the map: where two stations in a row lie on the same march, the path follows that march's
   line; elsewhere a thin dotted line only joins the two places (the sources name the places,
   not the road). The marches the person was on are stressed and the others dimmed. The panel
   steps through the stations (buttons, PageDown/PageUp, ← / → outside the map: the keys
   presentation clickers send) and shows date, place (wartime / today's name), what happened
   there and the source. The address keeps #person=ID (and &station=N after the first).

   The page announces what it shows on <html>: data-person (the person's id, "" when none) and
   data-person-station (the station shown, from 1), set once the path is drawn. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;

  function years(p) {
    var born = (p.born || "").slice(0, 4), died = (p.died || "").slice(0, 4);
    // In right-to-left text the dash would swap the years: keep them one left-to-right run.
    return I.meta().dir === "rtl" ? "\u2066" + born + "–" + died + "\u2069" : born + "–" + died;
  }

  function bio(p) { return I.text("person", p.id, "bio", p.bio); }

  function stationText(p, i) {
    return I.text("person_station", p.id + ":" + (i + 1), "text", p.stations[i].text);
  }

  function stationDate(s) {
    var text = F.date(s.date);
    return s.uncertain ? text + " (" + I.t("people.uncertain") + ")" : text;
  }

  /* The stretch of a march's line between two of its places, [lat, lon] pairs in the order of
     the way; null when the march has no line. */
  function alongMarch(march, from, to) {
    var line = [];
    march.legs.forEach(function (leg) { line = line.concat(leg.coords); });
    if (line.length < 2) return null;
    function nearest(place) {
      var best = 0, gap = Infinity;
      for (var k = 0; k < line.length; k++) {
        var dy = line[k][0] - place.lat, dx = (line[k][1] - place.lon) * Math.cos(place.lat * Math.PI / 180);
        var d = dx * dx + dy * dy;
        if (d < gap) { gap = d; best = k; }
      }
      return best;
    }
    var a = nearest(from), b = nearest(to);
    // A place more than about 5 km from the line is not on it: no stretch to follow.
    function far(k, place) {
      var dy = line[k][0] - place.lat, dx = (line[k][1] - place.lon) * Math.cos(place.lat * Math.PI / 180);
      return Math.sqrt(dx * dx + dy * dy) > 0.05;
    }
    if (far(a, from) || far(b, to)) return null;
    var part = line.slice(Math.min(a, b), Math.max(a, b) + 1);
    if (a > b) part.reverse();
    return [[from.lat, from.lon]].concat(part, [[to.lat, to.lon]]);
  }

  A.controls.push(function (atlas) {
    var people = atlas.data.people || [];
    var byId = {};
    people.forEach(function (p) { byId[p.id] = p; });
    atlas.personById = byId;
    atlas.state.person = null;
    atlas.state.station = 0;
    var root = document.documentElement;
    root.setAttribute("data-person", "");
    if (!people.length) return;

    var map = atlas.map;
    var pane = map.createPane("person");
    pane.style.zIndex = "560";
    var layer = L.layerGroup().addTo(map);
    var markers = [];

    /* --- the list ---------------------------------------------------------------------- */
    var region = el("section", "people-region");
    region.id = "people";
    region.setAttribute("aria-labelledby", "people-heading");
    var heading = el("h2", null, "");
    heading.id = "people-heading";
    region.appendChild(heading);
    var intro = el("p", "people-intro", "");
    region.appendChild(intro);
    var list = el("ul", "people-list");
    list.id = "people-list";
    region.appendChild(list);
    var marchesRegion = document.getElementById("marches");
    if (marchesRegion) marchesRegion.parentNode.insertBefore(region, marchesRegion);
    var buttons = {};
    people.forEach(function (p) {
      var li = el("li", "person-item");
      li.setAttribute("data-person", p.id);
      var b = el("button", "person-button");
      b.type = "button";
      b.addEventListener("click", function () { atlas.selectPerson(p.id); });
      li.appendChild(b);
      list.appendChild(li);
      buttons[p.id] = b;
    });

    function labelList() {
      heading.textContent = I.t("people.heading");
      intro.textContent = I.t("people.intro");
      people.forEach(function (p) {
        var b = buttons[p.id];
        b.textContent = "";
        b.appendChild(el("span", "person-name", p.name));
        b.appendChild(el("span", "person-years", years(p)));
      });
    }

    /* --- the panel --------------------------------------------------------------------- */
    var panel = el("section", "details person-details");
    panel.id = "person-details";
    panel.hidden = true;
    panel.setAttribute("aria-labelledby", "person-title");
    var area = document.getElementById("atlas-map-area");
    (area || document.body).appendChild(panel);

    function show(p, i, focusTitle) {
      var s = p.stations[i];
      // Drawn again (another change came in), the panel must not drop a reader's focus.
      var titleHadFocus = !!document.activeElement && document.activeElement.id === "person-title";
      panel.textContent = "";
      var head = el("header", "details-header");
      head.appendChild(el("p", "details-kicker", I.t("people.kicker")));
      var title = el("h2", "details-title", p.name);
      title.id = "person-title";
      title.tabIndex = -1;
      head.appendChild(title);
      var close = el("button", "details-close", "×");
      close.type = "button";
      close.setAttribute("aria-label", I.t("people.close"));
      close.addEventListener("click", function () { atlas.selectPerson(null); });
      head.appendChild(close);
      panel.appendChild(head);
      panel.appendChild(el("p", "details-dates", years(p)));

      // The station shown: a live region, so that stepping is read out.
      var box = el("section", "person-station");
      box.setAttribute("aria-live", "polite");
      box.setAttribute("data-station", String(i + 1));
      box.appendChild(el("p", "details-kicker person-position",
        I.t("people.position", { i: i + 1, n: p.stations.length })));
      box.appendChild(el("h3", "person-station-place", F.placeName(atlas.places[s.place])));
      box.appendChild(el("p", "person-station-date", stationDate(s)));
      var march = s.march && atlas.marchById[s.march];
      if (march) {
        var on = el("p", "person-station-march", I.t("people.on_march") + " ");
        var mb = el("button", "link-button", atlas.marchText(march, "title"));
        mb.type = "button";
        mb.setAttribute("data-march", march.id);
        mb.addEventListener("click", function () { atlas.selectMarch(march.id); });
        on.appendChild(mb);
        box.appendChild(on);
      }
      box.appendChild(el("p", "person-station-text", stationText(p, i)));
      var src = atlas.sources[s.source];
      if (src) {
        box.appendChild(el("p", "details-note person-station-source", I.t("people.source") + " " +
          src.citation + (s.locator ? ", " + s.locator : "")));
      }
      panel.appendChild(box);

      var nav = el("div", "person-steps");
      nav.setAttribute("role", "group");
      nav.setAttribute("aria-label", I.t("people.stations"));
      var prev = el("button", "person-previous", "‹ " + I.t("people.previous"));
      prev.type = "button";
      prev.disabled = i === 0;
      prev.addEventListener("click", function () { atlas.stepPerson(-1); });
      var next = el("button", "person-next", I.t("people.next") + " ›");
      next.type = "button";
      next.disabled = i === p.stations.length - 1;
      next.addEventListener("click", function () { atlas.stepPerson(1); });
      nav.appendChild(prev);
      nav.appendChild(next);
      panel.appendChild(nav);
      // Who the person was comes after the station, which a class steps through.
      panel.appendChild(el("p", "details-summary", bio(p)));
      if (p.dates_note) {
        panel.appendChild(el("p", "details-note", I.t("people.dates_note") + " " +
          I.text("person", p.id, "dates_note", p.dates_note)));
      }

      panel.appendChild(el("h3", null, I.t("people.stations")));
      // What the dotted stretches of the path on the map mean.
      panel.appendChild(el("p", "details-note person-hop-note", I.t("people.hop")));
      var ol = el("ol", "person-stations");
      p.stations.forEach(function (t, k) {
        var li = el("li");
        var b = el("button", "link-button", F.placeName(atlas.places[t.place]) + " · " + stationDate(t));
        b.type = "button";
        if (k === i) b.setAttribute("aria-current", "step");
        b.addEventListener("click", function () { atlas.showStation(k); });
        li.appendChild(b);
        ol.appendChild(li);
      });
      panel.appendChild(ol);
      panel.appendChild(el("h3", null, I.t("details.sources")));
      panel.appendChild(A.sourceList(atlas, p.sources));
      panel.hidden = false;
      document.body.classList.add("person-open");
      if (focusTitle || titleHadFocus) title.focus({ preventScroll: true });
    }

    /* --- the path ---------------------------------------------------------------------- */
    function draw(p) {
      layer.clearLayers();
      markers = [];
      var pts = p.stations.map(function (s) { return atlas.places[s.place]; });
      for (var k = 1; k < pts.length; k++) {
        var a = p.stations[k - 1], b = p.stations[k];
        if (pts[k - 1] === pts[k]) continue;
        // The march that brought the person to this station, when the previous station lies
        // on its line too.
        var march = b.march && atlas.marchById[b.march];
        var coords = march && alongMarch(march, pts[k - 1], pts[k]);
        if (coords) {
          L.polyline(coords, { pane: "person", className: "person-path", color: "#111",
            weight: 4, opacity: 0.9, interactive: false }).addTo(layer);
        } else {
          L.polyline([[pts[k - 1].lat, pts[k - 1].lon], [pts[k].lat, pts[k].lon]], {
            pane: "person", className: "person-hop", color: "#111", weight: 2, opacity: 0.75,
            dashArray: "2 6", interactive: true
          }).bindTooltip(I.t("people.hop"), { sticky: true }).addTo(layer);
        }
      }
      p.stations.forEach(function (s, k) {
        var place = pts[k];
        var marker = L.circleMarker([place.lat, place.lon], {
          pane: "person", radius: 6, color: "#111", weight: 2, fillColor: "#fff", fillOpacity: 1,
          className: "person-stop"
        }).bindTooltip((k + 1) + ". " + F.placeName(place));
        marker.on("click", function () { atlas.showStation(k); });
        marker.addTo(layer);
        markers.push(marker);
      });
    }

    function mark(i) {
      markers.forEach(function (m, k) {
        m.setStyle(k === i ? { radius: 9, fillColor: "#b3261e", color: "#111" }
          : { radius: 6, fillColor: "#fff", color: "#111" });
        if (k === i) m.bringToFront();
      });
    }

    /* --- state ------------------------------------------------------------------------- */
    var drawnFor = null;

    /* Choose a person (null: none). Their way is drawn and the first station (or `station`,
       counted from 0) shown. */
    atlas.selectPerson = function (id, opts) {
      opts = opts || {};
      var p = id ? byId[id] : null;
      if (p && !p.stations.length) p = null;
      atlas.state.person = p ? p.id : null;
      atlas.state.station = p ? Math.max(0, Math.min(opts.station || 0, p.stations.length - 1)) : 0;
      if (p) {
        atlas.state.march = null;
        atlas.state.place = null;
      }
      atlas.emphasis = p ? p.marches : null;
      atlas._applyHighlight();
      atlas.emit("change", { reason: "person" });
      if (p && opts.fit !== false) fitWay(p);
    };

    /* The whole way in view, clear of the panel (on the right on wide screens, a bottom sheet
       on phones: atlas.css), as atlas.fit does for a march. */
    function fitWay(p) {
      var bounds = L.latLngBounds(p.stations.map(function (s) {
        var place = atlas.places[s.place];
        return [place.lat, place.lon];
      }));
      var wide = window.matchMedia("(min-width: 701px)").matches;
      var right = wide ? Math.min(420, map.getSize().x / 2) : 30, bottom = 30;
      if (!wide) {
        var mapBottom = map.getContainer().getBoundingClientRect().bottom;
        bottom = Math.max(30, mapBottom - window.innerHeight * 0.38 + 20);
      }
      var bar = document.querySelector(".story-bar");  // the classroom's caption and timeline
      if (bar) bottom += bar.offsetHeight + 12;
      map.fitBounds(bounds, { paddingTopLeft: [30, 30], paddingBottomRight: [right, bottom],
        maxZoom: 8, animate: false });
    }

    atlas.showStation = function (i) {
      var p = byId[atlas.state.person];
      if (!p || i < 0 || i >= p.stations.length) return;
      atlas.state.station = i;
      atlas.emit("change", { reason: "station" });
      var place = atlas.places[p.stations[i].place];
      var at = L.latLng(place.lat, place.lon);
      if (!map.getBounds().pad(-0.1).contains(at)) map.panTo(at, { animate: false });
    };

    atlas.stepPerson = function (delta) {
      atlas.showStation(atlas.state.station + delta);
    };

    atlas.on("change", function (detail) {
      var reason = detail.reason;
      // Choosing a march or a camp, or closing (a kiosk's reset), ends the person's way.
      if (atlas.state.person && (reason === "march" || reason === "place" || reason === "close") &&
          (atlas.state.march || atlas.state.place || reason === "close")) {
        atlas.state.person = null;
        atlas.emphasis = null;
        if (reason === "close") atlas._applyHighlight();
      }
      var p = byId[atlas.state.person];
      Object.keys(buttons).forEach(function (id) {
        if (p && id === p.id) buttons[id].setAttribute("aria-current", "true");
        else buttons[id].removeAttribute("aria-current");
      });
      if (!p) {
        if (drawnFor) {
          layer.clearLayers();
          markers = [];
          drawnFor = null;
        }
        panel.hidden = true;
        panel.textContent = "";
        document.body.classList.remove("person-open");
        root.setAttribute("data-person", "");
        root.removeAttribute("data-person-station");
        return;
      }
      var key = p.id + "|" + I.lang;
      if (drawnFor !== key) draw(p);
      var fresh = drawnFor !== key;
      drawnFor = key;
      mark(atlas.state.station);
      show(p, atlas.state.station, fresh && reason === "person" && atlas.initialised);
      root.setAttribute("data-person", p.id);
      root.setAttribute("data-person-station", String(atlas.state.station + 1));
    });
    atlas.on("lang", function () { labelList(); drawnFor = null; });
    labelList();

    // Keys: PageDown / PageUp always, → / ← and Space outside the map and text fields, while a
    // person is shown. Captured before the classroom's phase keys, which they replace.
    document.addEventListener("keydown", function (e) {
      if (!atlas.state.person || e.altKey || e.ctrlKey || e.metaKey) return;
      var target = e.target;
      var inMap = target.closest && target.closest(".leaflet-container");
      var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
      var onButton = target.tagName === "BUTTON";
      var forward = e.key === "PageDown" || (e.key === "ArrowRight" && !inMap && !typing) ||
        (e.key === " " && !onButton && !typing);
      var back = e.key === "PageUp" || (e.key === "ArrowLeft" && !inMap && !typing);
      if (e.key === "Escape") {
        atlas.selectPerson(null);
        return;
      }
      if (!forward && !back) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      atlas.stepPerson(forward ? 1 : -1);
    }, true);

    // A march's details name the people of the atlas who were on it.
    A.marchSections.push(function (atlas, box, m) {
      var on = people.filter(function (p) { return p.marches.indexOf(m.id) >= 0; });
      if (!on.length) return;
      box.appendChild(el("h3", null, I.t("people.on_this_march")));
      var ul = el("ul", "details-people");
      on.forEach(function (p) {
        var li = el("li");
        var b = el("button", "link-button", p.name);
        b.type = "button";
        b.setAttribute("data-person", p.id);
        b.addEventListener("click", function () { atlas.selectPerson(p.id); });
        li.appendChild(b);
        li.appendChild(el("span", "march-dates", " " + years(p)));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
  });
})();
