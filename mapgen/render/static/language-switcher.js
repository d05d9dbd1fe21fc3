/* The language switcher: one button per language, named in its own language. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n;
  A.controls.push(function (atlas) {
    var box = document.getElementById("language-switcher");
    if (!box) return;
    var buttons = I.languages().map(function (code) {
      var meta = I.strings[code]._language;
      var button = A.el("button", "language-button", meta.name);
      button.type = "button";
      button.lang = code;
      button.dir = meta.dir;
      button.setAttribute("data-lang", code);
      button.addEventListener("click", function () { atlas.setLang(code); });
      box.appendChild(button);
      return button;
    });
    function update() {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === I.lang)); });
    }
    update();
    atlas.on("lang", update);
  });
})();
