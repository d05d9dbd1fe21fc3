/* Website embeds: inside an iframe, scrolling the host page must not zoom the map. Two fingers
   (touch) or Ctrl + scroll (mouse) move the map; Leaflet.GestureHandling says so in the
   reader's language. Outside an iframe the map behaves as usual. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n;
  A.controls.push(function (atlas) {
    var embedded;
    try { embedded = window.self !== window.top; } catch (e) { embedded = true; }
    document.documentElement.classList.toggle("is-embedded", embedded);
    var handler = atlas.map.gestureHandling;
    if (!embedded || !handler) return;
    function configure() {
      atlas.map.options.gestureHandlingOptions = {
        duration: 1500,
        text: { touch: I.t("gesture.touch"), scroll: I.t("gesture.scroll"), scrollMac: I.t("gesture.scroll_mac") }
      };
    }
    configure();
    handler.enable();
    atlas.on("lang", function () {
      handler.disable();
      configure();
      handler.enable();
    });
  });
})();
