/* Search for a camp, a town or a march, by its wartime or today's name or its name in any of
   the page's languages; case and diacritics do not matter ("oswiecim" finds Oświęcim,
   "Auschwitz" finds the camps and the marches that left them). Choosing a result zooms to it
   and opens it. A combobox: arrow keys move through the results, Enter chooses. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;
  var MAX = 8;
  // Letters that do not decompose into a base letter and a mark.
  var FOLD = { "ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i" };

  function fold(text) {
    return String(text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[łßøæœđı]/g, function (c) { return FOLD[c]; });
  }

  A.controls.push(function (atlas) {
    var header = document.querySelector(".atlas-header");
    if (!header) return;
    var box = el("div", "search");
    box.setAttribute("role", "search");
    var label = el("label", "search-label");
    label.htmlFor = "search-input";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "search-input";
    input.className = "search-input";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", "search-results");
    input.setAttribute("aria-expanded", "false");
    var list = el("ul", "search-results");
    list.id = "search-results";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(list);
    header.parentNode.insertBefore(box, header.nextSibling);

    function words() {
      label.textContent = I.t("search.label");
      input.placeholder = I.t("search.placeholder");
    }
    words();
    atlas.on("lang", function () { words(); index = null; update(); });

    /* Every name of every camp, town, city and march, in every language, folded. */
    var index = null;
    function build() {
      var out = [], langs = Object.keys(I.data || {});
      function names(kind, id, base) {
        var all = base.slice();
        langs.forEach(function (lang) {
          var t = I.data[lang] && I.data[lang][kind] && I.data[lang][kind][id];
          if (t && (t.name || t.title)) all.push(t.name || t.title);
        });
        return all.filter(Boolean).map(fold);
      }
      Object.keys(atlas.places).forEach(function (id) {
        var p = atlas.places[id];
        var camp = p.kind === "main_camp" || p.kind === "subcamp";
        out.push({ kind: "place", id: id, rank: camp ? 0 : 2, shown: F.placeName(p), note: F.kind(p.kind),
                   keys: names("place", id, [p.name, p.name_wartime, p.name_local]) });
      });
      (atlas.data.cities || []).forEach(function (c) {
        if (atlas.places[c.id]) return;  // already a place of the atlas
        out.push({ kind: "city", id: c.id, rank: 3, shown: A.labels ? A.labels.cityName(c) : c.name, city: c,
                   note: I.t("legend.city"),
                   keys: names("city", c.id, [c.name, c.name_wartime, c.name_local]) });
      });
      atlas.marches.forEach(function (m) {
        out.push({ kind: "march", id: m.id, rank: 1, shown: atlas.marchText(m, "title"),
                   note: F.dateRange(m.start, m.end), keys: names("march", m.id, [m.title]) });
      });
      return out;
    }

    var results = [], active = -1;
    function update() {
      var q = fold(input.value.trim());
      list.textContent = "";
      results = [];
      active = -1;
      if (q.length >= 2) {
        index = index || build();
        index.forEach(function (item) {
          var best = Infinity;
          item.keys.forEach(function (k) {
            var at = k.indexOf(q);
            if (at < 0) return;
            // A name that begins with the query, then a word in it that does, then anywhere.
            var score = at === 0 ? 0 : /[\s(\/-]/.test(k.charAt(at - 1)) ? 1 : 2;
            if (score < best) best = score;
          });
          if (best < Infinity) results.push({ item: item, score: best });
        });
        results.sort(function (a, b) {
          return a.score - b.score || a.item.rank - b.item.rank || (a.item.shown || "").localeCompare(b.item.shown || "");
        });
        results = results.slice(0, MAX).map(function (r) { return r.item; });
      }
      results.forEach(function (item, i) {
        var li = el("li", "search-result");
        li.id = "search-result-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = el("span", "search-name", item.shown);
        if (item.kind === "march") I.markEnglish(name, "march", item.id, "title");
        li.appendChild(name);
        li.appendChild(el("span", "search-note", item.note));
        li.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the focus
        li.addEventListener("click", function () { choose(item); });
        list.appendChild(li);
      });
      if (q.length >= 2 && !results.length) list.appendChild(el("li", "search-none", I.t("search.none")));
      list.hidden = q.length < 2;
      input.setAttribute("aria-expanded", String(!list.hidden));
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(i) {
      var items = list.querySelectorAll(".search-result");
      if (!items.length) return;
      active = (i + items.length) % items.length;
      items.forEach(function (li, k) { li.setAttribute("aria-selected", String(k === active)); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function zoomTo(lat, lon) {
      var map = atlas.map, d = 0.25;
      var bounds = L.latLngBounds([lat - d, lon - d], [lat + d, lon + d]);
      map.fitBounds(bounds, L.extend(MapgenFit.options(map), {
        maxZoom: 9, animate: !window.matchMedia("(prefers-reduced-motion: reduce)").matches
      }));
    }

    function choose(item) {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      if (item.kind === "march") {
        atlas.selectMarch(item.id);
      } else if (item.kind === "place") {
        var p = atlas.places[item.id];
        atlas.selectPlace(item.id);  // the details first: the zoom leaves room for them
        zoomTo(p.lat, p.lon);
      } else {
        zoomTo(item.city.lat, item.city.lon);
      }
      document.documentElement.setAttribute("data-search", item.kind + ":" + item.id);
    }

    input.addEventListener("input", update);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { highlight(active + 1); e.preventDefault(); }
      else if (e.key === "ArrowUp") { highlight(active - 1); e.preventDefault(); }
      else if (e.key === "Enter") {
        var item = results[active >= 0 ? active : 0];
        if (item) { choose(item); e.preventDefault(); }
      } else if (e.key === "Escape" && !list.hidden) {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        e.stopPropagation();
      }
    });
    input.addEventListener("blur", function () {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    });
    input.addEventListener("focus", function () { if (input.value.trim().length >= 2) update(); });
  });
})();
