/* Printing: Leaflet must redraw for the paper size, then come back to the screen. */
(function () {
  "use strict";
  var A = window.MapgenAtlas;
  A.controls.push(function (atlas) {
    function refit() {
      atlas.map.invalidateSize({ animate: false });
      var marches = atlas.state.march ? [atlas.marchById[atlas.state.march]] : atlas.visibleMarches();
      var bounds = atlas.boundsOf(marches);
      if (bounds.isValid()) atlas.map.fitBounds(bounds, { padding: [10, 10], animate: false });
    }
    window.addEventListener("beforeprint", refit);
    window.addEventListener("afterprint", refit);
  });
})();
