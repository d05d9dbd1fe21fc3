/* Words and numbers as a reader sees them, in the reader's language: dates, ranges of figures,
   place names. Every function returns plain text; callers put it in the page with textContent. */
(function () {
  "use strict";
  var I = window.MapgenI18n;

  function parts(text) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text || "");
    return m ? { y: +m[1], m: +m[2], d: m[3] ? +m[3] : null } : null;
  }

  function utc(p) {
    return new Date(Date.UTC(p.y, p.m - 1, p.d || 1));
  }

  function formatter(p) {
    var options = p.d ? { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }
      : { month: "long", year: "numeric", timeZone: "UTC" };
    return I.intl("DateTimeFormat", options);
  }

  var F = {
    number: function (n) { return I.number(n); },

    /* "56,000–66,000 (sources differ)", "3,600", or "unknown". */
    range: function (pair) {
      if (!pair) return I.t("figures.unknown");
      if (pair[0] === pair[1]) return I.number(pair[0]);
      return I.t("figures.range_differs", { range: F.rangeShort(pair) });
    },

    /* The short form used in the list: "56,000–66,000". */
    rangeShort: function (pair) {
      if (!pair) return I.t("figures.unknown");
      if (pair[0] === pair[1]) return I.number(pair[0]);
      var text = I.number(pair[0]) + "–" + I.number(pair[1]);
      // In right-to-left text the dash would swap the two numbers: keep the range one
      // left-to-right unit (LRI … PDI), low figure first.
      return I.meta().dir === "rtl" ? "\u2066" + text + "\u2069" : text;
    },

    date: function (text) {
      var p = parts(text);
      return p ? formatter(p).format(utc(p)) : "";
    },

    /* As people write them: "18–21 January 1945", "January – February 1945" (the browser's
       own ranges per locale), and where one end is known to the day and the other only to
       the month, "18 January – February 1945" (the year once) or "from 18 January 1945". */
    dateRange: function (start, end) {
      var a = parts(start), b = parts(end);
      if (!a) return "";
      if (!b || start === end) return F.date(start);
      if (!!a.d === !!b.d) {
        // Days of one month close up around the dash, as written: "18–21", not "18 – 21".
        var text = formatter(a).formatRange(utc(a), utc(b));
        if (a.d && a.y === b.y && a.m === b.m) text = text.replace(/^(\d+\.?)[\s\u2009]*–[\s\u2009]*(\d)/, "$1–$2");
        return text;
      }
      if (a.y === b.y && a.m === b.m) {
        // One month, one end to the day: the day says more than the month around it.
        return a.d ? I.t("dates.from", { date: F.date(start) }) : I.t("dates.until", { date: F.date(end) });
      }
      if (a.y !== b.y) return F.date(start) + " – " + F.date(end);
      var noYear = a.d ? { day: "numeric", month: "long", timeZone: "UTC" } : { month: "long", timeZone: "UTC" };
      return I.intl("DateTimeFormat", noYear).format(utc(a)) + " – " + F.date(end);
    },

    km: function (km) {
      return I.t("figures.km", { n: Math.round(km) });
    },

    /* Wartime (German) name with today's name, in the order and exonyms of the language:
       "Gleiwitz / Gliwice" in English, "Gliwice / Gleiwitz" in Polish, "Auschwitz I / Osvětim". */
    placeName: function (place) {
      if (!place) return "";
      var first = place.name_wartime || place.name;
      var local = I.text("place", place.id, "name", place.name_local);
      if (!local || local === first) return first;
      // "Wittstock/Dosse" or "Belower Wald (Grabow-Below)" already hold the wartime name.
      if (local.indexOf(first) === 0) return local;
      return I.meta().place_order === "local-wartime" ? local + " / " + first : first + " / " + local;
    },

    mode: function (mode) { return I.t("mode." + mode); },
    modeShort: function (mode) { return I.t("mode_short." + mode); },
    kind: function (kind) { return I.t("kind." + kind); }
  };
  window.MapgenFormat = F;
})();
