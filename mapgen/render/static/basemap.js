/* The offline basemap: Natural Earth land, lakes, rivers, present-day borders and country names,
   drawn from JSON inlined in the page (no tiles, no network). Online tile layers, when the build
   offers them, are registered as further base layers and are off by default. */
(function () {
  "use strict";
  var A = window.MapgenAtlas;

  A.basemaps.push(function (atlas) {
    var node = document.getElementById("basemap-data");
    if (!node) return;
    var data = JSON.parse(node.textContent);
    var renderer = L.canvas({ pane: "basemap", padding: 0.5 });
    var group = L.layerGroup();
    var common = { renderer: renderer, interactive: false };
    // The sea is drawn only inside the basemap's box: beyond it the page shows a plain frame,
    // so the clipped edges of the land read as the edge of the atlas, not as coastline.
    var box = data.bbox;  // [west, south, east, north]
    L.rectangle([[box[1], box[0]], [box[3], box[2]]], Object.assign({ stroke: false, fillColor: "#c9d6de", fillOpacity: 1 }, common)).addTo(group);
    // Rings and lines arrive as encoded polylines (render/basemap.py).
    function line(text) { return MapgenDecode.polyline(text, data.precision); }
    function polygons(list) { return list.map(function (rings) { return rings.map(line); }); }
    L.polygon(polygons(data.land), Object.assign({ stroke: false, fillColor: "#efebe3", fillOpacity: 1 }, common)).addTo(group);
    if (data.lakes) L.polygon(polygons(data.lakes), Object.assign({ stroke: false, fillColor: "#cfdbe3", fillOpacity: 1 }, common)).addTo(group);
    if (data.rivers) L.polyline(data.rivers.map(line), Object.assign({ color: "#a9bfcc", weight: 1, opacity: 1 }, common)).addTo(group);
    L.polyline(data.borders.map(line), Object.assign({ color: "#8f877a", weight: 0.9, dashArray: "4 3", opacity: 0.9 }, common)).addTo(group);
    data.labels.forEach(function (label) {
      var span = A.el("span", null, label.name);
      L.marker([label.lat, label.lon], {
        icon: L.divIcon({ className: "country-label", html: span, iconSize: null }),
        interactive: false, keyboard: false, pane: "basemap"
      }).addTo(group);
    });
    // Leaflet shows attributions as HTML: a fixed text of ours, never a string from a file.
    group.getAttribution = function () { return "Natural Earth (public domain)"; };
    A.baseLayers.push({ key: "layers.basemap", layer: group });

    (atlas.options.online_tiles || []).forEach(function (tiles) {
      A.baseLayers.push({ name: tiles.name, layer: L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }) });
    });
  });
})();
