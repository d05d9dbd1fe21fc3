/* A full-screen button (the Fullscreen API; works in an iframe with allowfullscreen). The whole
   page goes full screen, so the list and details stay with the map. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n;
  A.controls.push(function (atlas) {
    var root = document.documentElement;
    if (!document.fullscreenEnabled || !root.requestFullscreen) return;
    var Fullscreen = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var bar = A.el("div", "leaflet-bar fullscreen-control");
        var button = A.el("button", "fullscreen-button");
        button.type = "button";
        function update() {
          var on = !!document.fullscreenElement;
          button.setAttribute("aria-label", I.t(on ? "fullscreen.leave" : "fullscreen.enter"));
          button.title = button.getAttribute("aria-label");
          button.classList.toggle("is-on", on);
        }
        button.addEventListener("click", function () {
          if (document.fullscreenElement) document.exitFullscreen();
          else root.requestFullscreen().catch(function () { /* refused: stay as we are */ });
        });
        document.addEventListener("fullscreenchange", function () {
          update();
          atlas.map.invalidateSize();
        });
        update();
        atlas.on("lang", update);
        bar.appendChild(button);
        L.DomEvent.disableClickPropagation(bar);
        return bar;
      }
    });
    new Fullscreen().addTo(atlas.map);
  });
})();
