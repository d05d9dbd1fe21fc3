/* Words and numbers as a reader sees them: dates, ranges of figures, place names.
   Every function returns plain text; callers put it in the page with textContent. */
(function () {
  "use strict";
  var LOCALE = "en-GB";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function parts(text) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text || "");
    return m ? { y: +m[1], m: +m[2], d: m[3] ? +m[3] : null } : null;
  }

  function number(n) {
    return Number(n).toLocaleString(LOCALE);
  }

  var F = {
    number: number,

    /* "56,000–66,000 (sources differ)", "3,600", or "unknown". */
    range: function (pair) {
      if (!pair) return "unknown";
      if (pair[0] === pair[1]) return number(pair[0]);
      return number(pair[0]) + "–" + number(pair[1]) + " (sources differ)";
    },

    /* The short form used in the list: "56,000–66,000". */
    rangeShort: function (pair) {
      if (!pair) return "unknown";
      return pair[0] === pair[1] ? number(pair[0]) : number(pair[0]) + "–" + number(pair[1]);
    },

    date: function (text) {
      var p = parts(text);
      if (!p) return "";
      var month = MONTHS[p.m - 1] + " " + p.y;
      return p.d ? p.d + " " + month : month;
    },

    /* "17–21 January 1945", "28 July – 2 August 1944", "January – April 1945". */
    dateRange: function (start, end) {
      var a = parts(start), b = parts(end);
      if (!a) return "";
      if (!b || start === end) return F.date(start);
      if (a.y === b.y && a.m === b.m && a.d && b.d) return a.d + "–" + b.d + " " + MONTHS[a.m - 1] + " " + a.y;
      if (a.y === b.y) {
        var left = a.d ? a.d + " " + MONTHS[a.m - 1] : MONTHS[a.m - 1];
        return left + " – " + F.date(end);
      }
      return F.date(start) + " – " + F.date(end);
    },

    km: function (km) {
      return number(Math.round(km)) + " km";
    },

    /* Wartime (German) name with the modern local one: "Gleiwitz / Gliwice". */
    placeName: function (place) {
      if (!place) return "";
      var first = place.name_wartime || place.name;
      var local = place.name_local;
      return local && local !== first ? first + " / " + local : first;
    },

    MODE_LABELS: { foot: "On foot", train: "By train", ship: "By ship", truck: "By truck" },
    KIND_LABELS: {
      main_camp: "Main camp", subcamp: "Subcamp", town: "Town", station: "Railway station",
      port: "Port", site: "Site"
    }
  };
  window.MapgenFormat = F;
})();
