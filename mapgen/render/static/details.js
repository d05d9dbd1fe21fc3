/* Details of the selected march (or camp): dates, stations leg by leg with their mode,
   figures as ranges, length, summary and sources. Escape or the close button closes it. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;
  A.marchSections = A.marchSections || [];
  A.sourceList = sourceList;

  function section(box, title) {
    box.appendChild(el("h3", null, title));
  }

  function figure(dl, label, value) {
    dl.appendChild(el("dt", null, label));
    dl.appendChild(el("dd", null, value));
  }

  function header(atlas, box, title, kicker, march) {
    var head = el("header", "details-header");
    if (kicker) head.appendChild(el("p", "details-kicker", kicker));
    var h = el("h2", "details-title", title);
    if (march) I.markEnglish(h, "march", march.id, "title");
    h.id = "details-title";
    h.tabIndex = -1;
    head.appendChild(h);
    var close = el("button", "details-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", I.t("details.close"));
    close.addEventListener("click", function () { atlas.closeDetails(); });
    head.appendChild(close);
    box.appendChild(head);
  }

  function marchButton(atlas, march) {
    var b = I.markEnglish(el("button", "link-button", atlas.marchText(march, "title")), "march", march.id, "title");
    b.type = "button";
    b.addEventListener("click", function () { atlas.selectMarch(march.id); });
    return b;
  }

  /* The sources of a record as a numbered list: citation, then the address (a link, or plain
     text on a kiosk). */
  function sourceList(atlas, ids) {
    var sources = el("ol", "details-sources");
    ids.forEach(function (id) {
      var s = atlas.sources[id];
      var li = el("li", null, s.citation + " ");
      var url = A.safeUrl(s.url);
      if (url && !atlas.options.offline_links) {
        var a = el("a", null, url);
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        li.appendChild(a);
      } else if (url) {
        li.appendChild(el("span", "source-url", url));
      }
      sources.appendChild(li);
    });
    return sources;
  }

  function evacuationById(atlas, id) {
    var all = atlas.data.evacuations || [];
    for (var i = 0; i < all.length; i++) if (all[i].id === id) return all[i];
    return null;
  }

  function evacuationText(e, field) {
    return I.text("evacuation", e.id, field, e[field]);
  }

  /* A camp's evacuation: dates, the figures known only for all its columns together, its note,
     summary and sources, and the columns of the atlas that were part of it. */
  function showEvacuation(atlas, box, e) {
    var item = el("section", "evacuation");
    item.setAttribute("data-evacuation", e.id);
    item.appendChild(I.markEnglish(el("h4", "evacuation-title", evacuationText(e, "title")), "evacuation", e.id, "title"));
    item.appendChild(el("p", "details-dates", F.dateRange(e.start, e.end)));
    item.appendChild(el("p", "details-note", I.t("details.whole_evacuation")));
    var dl = el("dl", "details-figures");
    figure(dl, I.t("figures.prisoners"), F.range(e.prisoners));
    figure(dl, I.t("figures.deaths"), F.range(e.deaths));
    item.appendChild(dl);
    if (e.figures_note) {
      item.appendChild(I.markEnglish(el("p", "details-note", evacuationText(e, "figures_note")),
        "evacuation", e.id, "figures_note"));
    }
    item.appendChild(I.markEnglish(el("p", "details-summary", evacuationText(e, "summary")), "evacuation", e.id, "summary"));
    var columns = e.marches.filter(function (id) { return atlas.marchById[id]; });
    if (columns.length) {
      item.appendChild(el("h4", null, I.t("details.columns")));
      var ul = el("ul", "evacuation-marches");
      columns.forEach(function (id) {
        var m = atlas.marchById[id], li = el("li");
        li.appendChild(marchButton(atlas, m));
        li.appendChild(el("span", "march-dates", " " + F.dateRange(m.start, m.end)));
        ul.appendChild(li);
      });
      item.appendChild(ul);
    }
    item.appendChild(el("h4", null, I.t("details.sources")));
    item.appendChild(sourceList(atlas, e.sources));
    box.appendChild(item);
  }

  function showMarch(atlas, box, m) {
    var seasons = m.seasons.map(function (s) { return atlas.seasonLabel(s); }).join(", ");
    header(atlas, box, atlas.marchText(m, "title"), seasons, m);
    box.appendChild(el("p", "details-dates", F.dateRange(m.start, m.end)));
    var dl = el("dl", "details-figures");
    figure(dl, I.t("figures.prisoners"), F.range(m.prisoners));
    figure(dl, I.t("figures.deaths"), F.range(m.deaths));
    figure(dl, I.t("figures.length"), I.t("figures.length_value", { km: F.km(m.length_km) }));
    box.appendChild(dl);
    if (m.figures_note) {
      box.appendChild(I.markEnglish(el("p", "details-note", atlas.marchText(m, "figures_note")),
        "march", m.id, "figures_note"));
    }
    var evacuation = m.evacuation && evacuationById(atlas, m.evacuation);
    if (evacuation) {
      // The camp's whole evacuation, with its totals, is on the camp's panel.
      var part = el("p", "details-part-of", I.t("details.part_of") + " ");
      var b = el("button", "link-button", evacuationText(evacuation, "title"));
      b.type = "button";
      b.setAttribute("data-place", evacuation.camp);
      b.addEventListener("click", function () { atlas.selectPlace(evacuation.camp); });
      part.appendChild(b);
      box.appendChild(part);
    }
    box.appendChild(I.markEnglish(el("p", "details-summary", atlas.marchText(m, "summary")), "march", m.id, "summary"));

    section(box, I.t("details.route"));
    var legs = el("ol", "details-legs");
    m.legs.forEach(function (leg) {
      var li = el("li", "leg leg-" + leg.mode);
      var mode = el("span", "leg-mode mode-" + leg.mode, F.mode(leg.mode));
      li.appendChild(mode);
      var stations = [leg.from].concat(leg.via, [leg.to]).map(function (id) { return F.placeName(atlas.places[id]); });
      li.appendChild(el("span", "leg-stations", stations.join(" → ")));
      var meta = [F.km(leg.length_km)];
      if (leg.start) meta.unshift(F.dateRange(leg.start, leg.end || leg.start));
      if (leg.certainty === "approximate") meta.push(I.t("details.approximate"));
      li.appendChild(el("span", "leg-meta", meta.join(" · ")));
      if (leg.note) li.appendChild(I.markEnglish(el("span", "leg-note", leg.note)));
      legs.appendChild(li);
    });
    box.appendChild(legs);

    // Sections other controls add (people.js: the people of the atlas who were on it).
    A.marchSections.forEach(function (fn) { fn(atlas, box, m); });

    section(box, I.t("details.sources"));
    box.appendChild(sourceList(atlas, m.sources));
  }

  /* When and by whom the camp was liberated (routes/liberations.csv), with the note and sources. */
  var LIBERATORS = {
    "Red Army": "liberator.red_army", "US Army": "liberator.us_army", "British Army": "liberator.british_army",
    "French Army": "liberator.french_army", "not known": "liberator.not_known",
    "Polish Home Army (Armia Krajowa)": "liberator.home_army", "Red Army (with Polish troops)": "liberator.red_army_polish"
  };

  function liberation(atlas, box, p) {
    var lib = atlas.liberations ? atlas.liberations[p.id] : undefined;
    var known = lib && Object.prototype.hasOwnProperty.call(LIBERATORS, lib.liberated_by);
    var by = lib && (known ? I.t(LIBERATORS[lib.liberated_by]) : lib.liberated_by);
    section(box, I.t("details.liberation"));
    var text = !lib ? I.t("details.liberation_unknown")
      : lib.liberated ? I.t("details.liberated", { date: F.date(lib.liberated), by: by })
      : I.t("details.liberated_unknown", { by: by });
    var para = el("p", "details-liberation", text);
    box.appendChild(para);
    // The note is kept in English only: marked so, left to right, in a Hebrew page.
    if (lib && lib.note) box.appendChild(I.markEnglish(el("p", "details-liberation-note", lib.note)));
    if (lib && lib.sources.length) {
      var cites = lib.sources.map(function (id) { return (atlas.sources[id] || {}).citation || id; });
      box.appendChild(el("p", "details-liberation-sources", cites.join("; ")));
    }
  }

  function showPlace(atlas, box, p) {
    header(atlas, box, F.placeName(p), F.kind(p.kind));
    if (p.name !== (p.name_wartime || p.name) && p.name !== p.name_local) box.appendChild(el("p", "details-dates", p.name));
    if (p.kind === "main_camp" || p.kind === "subcamp") {
      // When the camp was evacuated: the marches that set out from it, the earliest first.
      var out = atlas.marches.filter(function (m) { return m.legs.length && m.legs[0].from === p.id; });
      if (out.length) {
        var first = out.reduce(function (a, m) { return m.start < a ? m.start : a; }, out[0].start);
        box.appendChild(el("p", "details-evacuated", I.t("details.evacuated", { date: F.date(first), n: out.length })));
      }
      liberation(atlas, box, p);
    }
    var evacuations = (atlas.data.evacuations || []).filter(function (e) { return e.camp === p.id; });
    if (evacuations.length) {
      section(box, I.t("details.evacuations"));
      evacuations.forEach(function (e) { showEvacuation(atlas, box, e); });
    }
    var marches = atlas.marchesAt(p.id);
    section(box, I.t(marches.length ? "details.place_marches" : "details.place_no_marches"));
    var ul = el("ul", "details-marches");
    marches.forEach(function (m) {
      var li = el("li");
      li.appendChild(marchButton(atlas, m));
      li.appendChild(el("span", "march-dates", " " + F.dateRange(m.start, m.end)));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  A.controls.push(function (atlas) {
    var box = document.getElementById("details");
    if (!box) return;
    var shown = null;
    atlas.on("lang", function () { shown = null; });  // draw again in the new language
    atlas.on("change", function (detail) {
      var key = atlas.state.march ? "m:" + atlas.state.march : atlas.state.place ? "p:" + atlas.state.place : null;
      if (key === shown) return;
      shown = key;
      box.textContent = "";
      if (atlas.state.march) showMarch(atlas, box, atlas.marchById[atlas.state.march]);
      else if (atlas.state.place) showPlace(atlas, box, atlas.places[atlas.state.place]);
      box.hidden = !key;
      document.body.classList.toggle("details-open", !!key);
      box.scrollTop = 0;
      if (key && atlas.initialised && detail.reason !== "lang") {  // not on page load: focus stays at the top
        var title = document.getElementById("details-title");
        if (title) title.focus({ preventScroll: true });
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && (atlas.state.march || atlas.state.place)) atlas.closeDetails();
    });
  });
})();
