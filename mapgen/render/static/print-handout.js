/* The printed handout (web and classroom builds, and `mapgen snapshot`): one A4 page with the
   title and what is shown, the map without its buttons, the whole legend, the marches shown
   with their dates and figures, their sources and the credit line. Made when printing starts,
   from the page's state, in the page's language; the page then carries data-handout="ready". */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;

  A.controls.push(function (atlas) {
    var layout = document.querySelector(".atlas-layout");
    if (!layout) return;
    var head = el("header", "handout-head");
    var legend = el("aside", "handout-legend");
    var body = el("section", "handout-body");
    [head, legend, body].forEach(function (node) {
      node.setAttribute("aria-hidden", "true");  // a copy of what the page says elsewhere
      layout.appendChild(node);
    });

    function fill() {
      var shown = atlas.state.march ? [atlas.marchById[atlas.state.march]] : atlas.visibleMarches();
      head.textContent = "";
      head.appendChild(el("h1", "handout-title", I.customTitle || I.t("page.title")));
      var context = atlas.state.march ? atlas.marchText(shown[0], "title") : atlas.filterLabel();
      var count = I.t("list.count", { n: shown.length });
      head.appendChild(el("p", "handout-context", context ? context + " · " + count : count));

      legend.textContent = "";
      var source = document.querySelector(".legend-body");
      if (source) {
        legend.appendChild(el("h2", null, I.t("legend.title")));
        Array.prototype.forEach.call(source.children, function (child) {
          legend.appendChild(child.cloneNode(true));
        });
      }

      body.textContent = "";
      var list = el("ol", "handout-marches");
      var sources = [], seen = {};
      shown.forEach(function (m) {
        var li = el("li");
        li.appendChild(I.markEnglish(el("strong", null, atlas.marchText(m, "title")), "march", m.id, "title"));
        li.appendChild(el("span", null, " · " + F.dateRange(m.start, m.end) + " · " +
          I.t("figures.prisoners") + ": " + F.rangeShort(m.prisoners) + " · " +
          I.t("figures.deaths") + ": " + F.rangeShort(m.deaths) + " · " + F.km(m.length_km)));
        list.appendChild(li);
        m.sources.forEach(function (id) {
          if (!seen[id] && atlas.sources[id]) { seen[id] = true; sources.push(atlas.sources[id]); }
        });
      });
      body.appendChild(list);
      var cited = el("p", "handout-sources");
      cited.appendChild(el("strong", null, I.t("details.sources") + ": "));
      sources.forEach(function (s, i) {
        var url = A.safeUrl(s.url);
        var item = el("span", "handout-source", (i + 1) + ". " + s.citation + " ");
        if (url) item.appendChild(el("span", "handout-url", url + " "));
        cited.appendChild(item);
      });
      body.appendChild(cited);
      // For the whole atlas (over a hundred works), when even small type does not fit: each
      // publisher once, and where the full citations are.
      var publishers = [], known = {};
      sources.forEach(function (s) {
        var name = s.citation.split(",")[0].trim();
        if (!known[name]) { known[name] = true; publishers.push(name); }
      });
      var brief = el("p", "handout-publishers");
      brief.appendChild(el("strong", null, I.t("details.sources") + ": "));
      brief.appendChild(el("span", null, publishers.join("; ") + ". " + I.t("handout.sources_elsewhere", { n: sources.length })));
      body.appendChild(brief);
      body.appendChild(el("p", "handout-credit", I.t("handout.credit")));
    }

    var MM = 96 / 25.4;  // CSS px in a millimetre
    /* The map's height on the paper: what the 193 mm of the page leave after the head and the
       text (measured off screen at the paper's width), never under 60 mm or over 120 mm. */
    function mapHeight() {
      // Long lists of sources first lose their addresses (the citation names the work), then
      // get smaller type, then give way to their publishers, so that the page keeps its map.
      var levels = ["", "handout-short", "handout-shorter", "handout-publishers-only"], sizes;
      for (var i = 0; i < levels.length; i++) {
        layout.classList.remove("handout-short", "handout-shorter", "handout-publishers-only");
        if (levels[i]) layout.classList.add(levels[i]);
        sizes = measure();
        if (sizes[0] + sizes[1] + Math.max(sizes[2] + 2, 60) + 8 <= 193) break;
      }
      // Past that (the whole atlas: over a hundred works cited), the sources go on overleaf
      // rather than being cut.
      layout.classList.toggle("handout-overflow", sizes[0] + sizes[1] + Math.max(sizes[2] + 2, 60) + 8 > 193);
      document.documentElement.setAttribute("data-handout-sizes", sizes.map(Math.round).join(" "));
      return Math.max(sizes[2] + 2, 60, Math.min(120, 193 - sizes[0] - sizes[1] - 8));
    }

    function measure() {
      return [head, body, legend].map(function (node) {
        node.classList.add("handout-measure");
        if (node === legend) node.style.width = "58mm";
        var h = node.getBoundingClientRect().height;
        node.classList.remove("handout-measure");
        node.style.width = "";
        return h / MM;
      });
    }

    window.addEventListener("beforeprint", function () {
      fill();
      layout.style.setProperty("--handout-map", mapHeight().toFixed(1) + "mm");
      // print.js fits the map to its area; it runs again now that the area has its size.
      atlas.map.invalidateSize({ animate: false });
      var marches = atlas.state.march ? [atlas.marchById[atlas.state.march]] : atlas.visibleMarches();
      var bounds = atlas.boundsOf(marches);
      if (bounds.isValid()) atlas.map.fitBounds(bounds, { padding: [10, 10], animate: false });
      // print.js has fitted the map to the paper; name its places now, before the page is
      // printed (a browser prints at once, without waiting for the next frame).
      if (A.labels) A.labels.place();
      document.documentElement.setAttribute("data-handout", "ready");
    });
    window.addEventListener("afterprint", function () {
      layout.style.removeProperty("--handout-map");
      layout.classList.remove("handout-short", "handout-shorter", "handout-publishers-only", "handout-overflow");
      document.documentElement.removeAttribute("data-handout");
    });
  });
})();
