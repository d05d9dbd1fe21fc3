/* Decoding of the compact page data (issue 8). The page receives each leg's line as a Google
   encoded polyline (mapgen/geometry.py: encode_polyline) instead of arrays of numbers, about 4
   bytes a vertex instead of 20, and leaves out what follows from the rest (payload.py:
   compact_march). expand() rebuilds the full form the other scripts read: leg.coords as
   [lat, lon] pairs (made when first read; leg.flat holds the numbers), leg.leg, leg.from,
   empty fields, march.stations and march.modes. */
(function () {
  "use strict";

  // text: the encoded line; precision: decimals of a degree (the payload's line_precision).
  // The points as one flat array, lat, lon, lat, lon…: no object per point, which at millions
  // of points was most of the page's memory and a good part of its start (issue 8).
  function decodeFlat(text, precision) {
    var factor = Math.pow(10, precision), n = text.length, numbers = 0, i;
    // Each number ends at a character under 63 + 32: counted first, the array is made at its
    // size (not one of text.length, copied at the end: twice the memory at the start).
    for (i = 0; i < n; i++) if (text.charCodeAt(i) < 95) numbers++;
    var out = new Float64Array(numbers - numbers % 2);
    var lat = 0, lon = 0, count = 0;
    i = 0;
    while (count < out.length) {
      for (var k = 0; k < 2; k++) {
        var result = 0, shift = 0, b;
        do {
          b = text.charCodeAt(i++) - 63;
          // Shifts while the number fits in 30 bits (every move on Earth at 5 decimals), then
          // multiplication, so that no value can overflow.
          result += shift < 30 ? (b & 0x1f) << shift : (b & 0x1f) * Math.pow(2, shift);
          shift += 5;
        } while (b >= 0x20 && i < n);
        var delta = result % 2 ? -(result + 1) / 2 : result / 2;
        if (k === 0) lat += delta; else lon += delta;
      }
      // Divide the integers (not add up rounded floats) so that no error accumulates.
      out[count++] = lat / factor;
      out[count++] = lon / factor;
    }
    return out;
  }

  function pairs(flat) {
    var coords = new Array(flat.length / 2);
    for (var i = 0; i < coords.length; i++) coords[i] = [flat[2 * i], flat[2 * i + 1]];
    return coords;
  }

  function decodePolyline(text, precision) {
    return pairs(decodeFlat(text, precision));
  }

  function hidden(object, name, value) {
    Object.defineProperty(object, name, { value: value, writable: true, configurable: true });
  }

  /* leg.flat (lat, lon…) and leg.bbox ([south, west, north, east]) for the scripts that draw
     many legs; leg.coords, the [lat, lon] pairs the other scripts read, is made from it only
     when one of them asks (a large atlas draws from leg.flat and never does). */
  function setLine(leg, flat) {
    var s = Infinity, w = Infinity, n = -Infinity, e = -Infinity;
    for (var i = 0; i < flat.length; i += 2) {
      if (flat[i] < s) s = flat[i];
      if (flat[i] > n) n = flat[i];
      if (flat[i + 1] < w) w = flat[i + 1];
      if (flat[i + 1] > e) e = flat[i + 1];
    }
    hidden(leg, "flat", flat);
    hidden(leg, "bbox", [s, w, n, e]);
    var cached = null;
    Object.defineProperty(leg, "coords", {
      enumerable: true, configurable: true,
      get: function () { return cached || (cached = pairs(flat)); }
    });
  }

  function flatOf(coords) {
    var flat = new Float64Array(coords.length * 2);
    coords.forEach(function (c, i) { flat[2 * i] = c[0]; flat[2 * i + 1] = c[1]; });
    return flat;
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
      if (leg.line !== undefined) {
        // "line mask mask": the masks of the coarser levels follow the line (compact_march).
        var parts = leg.line.split(" ");
        if (parts.length > 1) leg.levels = parts.slice(1);
        setLine(leg, decodeFlat(parts[0], precision));
      } else if (!leg.flat) {
        setLine(leg, flatOf(leg.coords));
      }
      delete leg.line;  // the decoded line replaces it: keep one copy in memory
      station(leg.from);
      leg.via.forEach(station);
      station(leg.to);
      if (modes.indexOf(leg.mode) < 0) modes.push(leg.mode);
    });
    if (march.figures_note === undefined) march.figures_note = "";
    if (march.evacuation === undefined) march.evacuation = "";
    if (march.stations === undefined) march.stations = stations;
    if (march.modes === undefined) march.modes = modes;
    return march;
  }

  // The page data as payload.build_payload(compact=False) gives it; idempotent.
  function expand(data) {
    data.marches.forEach(function (m) { expandMarch(m, data.line_precision); });
    return data;
  }

  window.MapgenDecode = { polyline: decodePolyline, flat: decodeFlat, expand: expand };
})();
