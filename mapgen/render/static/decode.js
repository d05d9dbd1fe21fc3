/* Decoding of the compact page data (issue 8). The page receives each leg's line as a Google
   encoded polyline (mapgen/geometry.py: encode_polyline) instead of arrays of numbers, about 4
   bytes a vertex instead of 20, and leaves out what follows from the rest (payload.py:
   compact_march). expand() rebuilds the full form the other scripts read: leg.coords as
   [lat, lon] pairs, leg.leg, leg.from, empty fields, march.stations and march.modes. */
(function () {
  "use strict";

  // text: the encoded line; precision: decimals of a degree (the payload's line_precision).
  function decodePolyline(text, precision) {
    var factor = Math.pow(10, precision);
    var coords = [];
    var lat = 0, lon = 0, i = 0, n = text.length;
    while (i < n) {
      var deltas = [0, 0];
      for (var k = 0; k < 2; k++) {
        var result = 0, shift = 0, b;
        do {
          b = text.charCodeAt(i++) - 63;
          // Multiplication, not <<, so values past 31 bits cannot overflow.
          result += (b & 0x1f) * Math.pow(2, shift);
          shift += 5;
        } while (b >= 0x20 && i < n);
        deltas[k] = result % 2 ? -(result + 1) / 2 : result / 2;
      }
      lat += deltas[0];
      lon += deltas[1];
      // Divide the integers (not add up rounded floats) so that no error accumulates.
      coords.push([lat / factor, lon / factor]);
    }
    return coords;
  }

  // Rebuild one march in place (the inverse of payload.compact_march).
  function expandMarch(march, precision) {
    var stations = [], modes = [], previousTo = null;
    function station(id) { if (stations[stations.length - 1] !== id) stations.push(id); }
    march.legs.forEach(function (leg, i) {
      leg.leg = i + 1;
      if (leg.from === undefined) leg.from = previousTo;
      previousTo = leg.to;
      ["start", "end", "note"].forEach(function (key) { if (leg[key] === undefined) leg[key] = ""; });
      if (leg.via === undefined) leg.via = [];
      if (leg.coords === undefined) leg.coords = decodePolyline(leg.line, precision);
      delete leg.line;  // the decoded line replaces it: keep one copy in memory
      station(leg.from);
      leg.via.forEach(station);
      station(leg.to);
      if (modes.indexOf(leg.mode) < 0) modes.push(leg.mode);
    });
    if (march.figures_note === undefined) march.figures_note = "";
    if (march.stations === undefined) march.stations = stations;
    if (march.modes === undefined) march.modes = modes;
    return march;
  }

  // The page data as payload.build_payload(compact=False) gives it; idempotent.
  function expand(data) {
    data.marches.forEach(function (m) { expandMarch(m, data.line_precision); });
    return data;
  }

  window.MapgenDecode = { polyline: decodePolyline, expand: expand };
})();
