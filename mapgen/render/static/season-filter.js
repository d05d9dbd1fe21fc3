/* Season filter: "All" and one button per season present in the data. Each button's
   accessible name is its visible label; aria-pressed tells which one is chosen. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n;
  A.controls.push(function (atlas) {
    var box = document.getElementById("season-filter");
    if (!box) return;
    var ids = ["all"].concat(atlas.seasons.map(function (s) { return s.id; }));
    var buttons = ids.map(function (id) {
      var button = A.el("button", "season-button");
      button.type = "button";
      button.setAttribute("data-season", id);
      button.addEventListener("click", function () { atlas.setSeason(id); });
      box.appendChild(button);
      return button;
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
