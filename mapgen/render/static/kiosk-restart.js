/* Kiosk: a visible "Start again" for the next visitor, beside the title: the details close, the
   season goes back to all and the whole map is in view, in the language now chosen. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n;

  A.controls.push(function (atlas) {
    var header = document.querySelector(".atlas-header");
    if (!header) return;
    var button = A.el("button", "kiosk-restart", I.t("kiosk.restart"));
    button.type = "button";
    button.setAttribute("data-i18n", "kiosk.restart");
    button.addEventListener("click", function () {
      atlas.closeDetails();
      atlas.setSeason("all");
      var panel = document.getElementById("atlas-panel");
      if (panel) panel.scrollTop = 0;
    });
    header.appendChild(button);
  });
})();
