/* Season filter: "All" and one button per season present in the data. Each button's
   accessible name is its visible label; aria-pressed tells which one is chosen. */
(function () {
  "use strict";
  var A = window.MapgenAtlas;
  A.controls.push(function (atlas) {
    var box = document.getElementById("season-filter");
    if (!box) return;
    var choices = [{ id: "all", label: "All" }].concat(atlas.seasons);
    var buttons = choices.map(function (season) {
      var button = A.el("button", "season-button", season.label);
      button.type = "button";
      button.setAttribute("data-season", season.id);
      button.addEventListener("click", function () { atlas.setSeason(season.id); });
      box.appendChild(button);
      return button;
    });
    atlas.on("change", function () {
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-season") === atlas.state.season));
      });
    });
  });
})();
