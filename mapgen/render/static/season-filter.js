/* Season filter: "All" and one button per season present in the data. Each button's
   accessible name is its visible label; aria-pressed tells which one is chosen. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n;
  A.controls.push(function (atlas) {
    var box = document.getElementById("season-filter");
    if (!box) return;
    // The buttons come in the page's markup (render/templates/page.html.j2).
    var buttons = Array.prototype.slice.call(box.querySelectorAll("button[data-season]"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { atlas.setSeason(button.getAttribute("data-season")); });
    });
    function label() {
      buttons.forEach(function (b) { b.textContent = I.t("season." + b.getAttribute("data-season")); });
    }
    label();
    atlas.on("lang", label);
    atlas.on("change", function () {
      buttons.forEach(function (b) {
        var on = b.getAttribute("data-season") === atlas.state.season && !atlas.filterSpan();
        b.setAttribute("aria-pressed", String(on));
      });
    });
  });
})();
