/* Shareable state: the URL fragment records season and selected march
   (#season=winter-1944-45&march=auschwitz-wodzislaw); opening such a link restores the view. */
(function () {
  "use strict";
  var A = window.MapgenAtlas;

  function parse() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf("=");
      var key = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
      out[key] = i < 0 ? "" : decodeURIComponent(pair.slice(i + 1));
    });
    return out;
  }

  function apply(atlas) {
    var state = parse();
    var season = state.season && atlas.seasonLabel(state.season) ? state.season : "all";
    var march = state.march && atlas.marchById[state.march] ? state.march : null;
    atlas.setSeason(season, { fit: !march });
    if (march) atlas.selectMarch(march);
    else if (atlas.state.march) atlas.closeDetails();
  }

  A.controls.push(function (atlas) {
    var writing = false;
    atlas.on("ready", function () {
      apply(atlas);
      atlas.initialised = true;
    });
    atlas.on("change", function () {
      var parts = [];
      if (atlas.state.season !== "all") parts.push("season=" + encodeURIComponent(atlas.state.season));
      if (atlas.state.march) parts.push("march=" + encodeURIComponent(atlas.state.march));
      var hash = parts.length ? "#" + parts.join("&") : "";
      if (hash === location.hash || (!hash && !location.hash)) return;
      writing = true;
      try {
        history.replaceState(null, "", hash || location.pathname + location.search);
      } catch (e) {
        // Some browsers refuse replaceState on file:// in sandboxed iframes: keep working.
      }
      writing = false;
    });
    window.addEventListener("hashchange", function () {
      if (!writing) apply(atlas);
    });
  });
})();
