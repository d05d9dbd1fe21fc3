/* The list of marches: always exactly the marches on the map. It doubles as the text
   alternative of the map. Choosing an item selects the march (highlight, fit, details). */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n;
  A.controls.push(function (atlas) {
    var list = document.getElementById("march-list");
    var count = document.getElementById("march-count");
    if (!list) return;
    var items = {};
    function add(m) {
      var li = A.el("li", "march-item");
      li.setAttribute("data-march", m.id);
      var button = A.el("button", "march-button");
      button.type = "button";
      button.addEventListener("click", function () { atlas.selectMarch(m.id); });
      li.appendChild(button);
      items[m.id] = { li: li, button: button };
      label(m);
      list.appendChild(li);  // complete: nothing below it moves when a later one comes
    }
    function label(m) {
      var button = items[m.id].button;
      button.textContent = "";
      button.appendChild(A.el("span", "march-title", atlas.marchText(m, "title")));
      button.appendChild(A.el("span", "march-dates", F.dateRange(m.start, m.end)));
      var modes = m.modes.map(F.modeShort).join(", ");
      button.appendChild(A.el("span", "march-figures",
        I.t("list.prisoners", { range: F.rangeShort(m.prisoners) }) + " · " + modes));
    }
    atlas.on("lang", function () { atlas.marches.forEach(label); });
    var lastCount = null;
    atlas.on("change", function () {
      var shown = 0;
      atlas.marches.forEach(function (m) {
        var visible = atlas.isVisible(m);
        items[m.id].li.hidden = !visible;
        if (visible) shown++;
        if (m.id === atlas.state.march) items[m.id].button.setAttribute("aria-current", "true");
        else items[m.id].button.removeAttribute("aria-current");
      });
      var text = I.t("list.count", { n: shown });
      var context = atlas.filterLabel();
      if (context) text = I.t("list.count_in_season", { count: text, season: context });
      if (text !== lastCount) count.textContent = text;  // live region: announce real changes only
      lastCount = text;
    });
    // The items as steps of the atlas's start (atlas.js: _start), a march at a time.
    return atlas.marches.map(function (m) { return function () { add(m); }; });
  });
})();
