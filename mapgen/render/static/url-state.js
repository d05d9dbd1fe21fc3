/* Shareable state: the URL fragment records season and selected march
   (#season=winter-1944-45&march=auschwitz-wodzislaw), or a person's way and the station shown
   (#person=elie-wiesel&station=4); opening such a link restores the view. */
(function () {
  "use strict";
  var A = window.MapgenAtlas;

  /* An address is typed, cut off and pasted by hand: a part that cannot be read (a lone "%",
     "%ZZ") is left out, and no key can reach Object's prototype. */
  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      return null;
    }
  }

  function parse() {
    var out = Object.create(null);
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf("=");
      var key = decode(i < 0 ? pair : pair.slice(0, i));
      var value = i < 0 ? "" : decode(pair.slice(i + 1));
      if (key !== null && value !== null) out[key] = value;
    });
    return out;
  }

  function apply(atlas) {
    var state = parse();
    if (state.lang) atlas.setLang(state.lang);
    var season = state.season && atlas.hasSeason(state.season) ? state.season : "all";
    var march = state.march && atlas.marchById[state.march] ? state.march : null;
    if (state.phase && atlas.phaseById(state.phase)) atlas.setPhase(state.phase, { fit: !march });
    else if (state.month) atlas.setMonth(state.month, { fit: !march });
    else atlas.setSeason(season, { fit: !march });
    var person = !march && state.person && atlas.personById && atlas.personById[state.person];
    if (march) atlas.selectMarch(march);
    else if (person) atlas.selectPerson(person.id, { station: (parseInt(state.station, 10) || 1) - 1 });
    else if (atlas.state.march || atlas.state.person) {
      if (atlas.state.person) atlas.selectPerson(null);
      else atlas.closeDetails();
    }
  }

  A.controls.push(function (atlas) {
    var writing = false;
    var startLang = window.MapgenI18n.lang;
    atlas.on("ready", function () {
      apply(atlas);
      atlas.initialised = true;
    });
    atlas.on("change", function () {
      var parts = [];
      if (atlas.state.phase) parts.push("phase=" + encodeURIComponent(atlas.state.phase));
      else if (atlas.state.month) parts.push("month=" + encodeURIComponent(atlas.state.month));
      else if (atlas.state.season !== "all") parts.push("season=" + encodeURIComponent(atlas.state.season));
      if (atlas.state.march) parts.push("march=" + encodeURIComponent(atlas.state.march));
      else if (atlas.state.person) {
        parts.push("person=" + encodeURIComponent(atlas.state.person));
        if (atlas.state.station) parts.push("station=" + (atlas.state.station + 1));
      }
      // The language goes into a shared link only when the reader changed it.
      if (window.MapgenI18n.lang !== startLang) parts.push("lang=" + window.MapgenI18n.lang);
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
