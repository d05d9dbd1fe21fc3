/* The language switcher: one button per language, named in its own language. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n;
  A.controls.push(function (atlas) {
    var box = document.getElementById("language-switcher");
    if (!box) return;
    // The buttons come in the page's markup (render/templates/page.html.j2).
    var buttons = Array.prototype.slice.call(box.querySelectorAll("button[data-lang]"));
    buttons.forEach(function (button) {
      button.addEventListener("click", function () { atlas.setLang(button.getAttribute("data-lang")); });
    });
    function update() {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === I.lang)); });
    }
    update();
    atlas.on("lang", update);
  });
})();
