/* The list of marches: always exactly the marches on the map. It doubles as the text
   alternative of the map. Choosing an item selects the march (highlight, fit, details). */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat;
  A.controls.push(function (atlas) {
    var list = document.getElementById("march-list");
    var count = document.getElementById("march-count");
    if (!list) return;
    var items = {};
    atlas.marches.forEach(function (m) {
      var li = A.el("li", "march-item");
      li.setAttribute("data-march", m.id);
      var button = A.el("button", "march-button");
      button.type = "button";
      button.appendChild(A.el("span", "march-title", m.title));
      button.appendChild(A.el("span", "march-dates", F.dateRange(m.start, m.end)));
      var modes = m.modes.map(function (mode) { return F.MODE_LABELS[mode].toLowerCase(); }).join(", ");
      button.appendChild(A.el("span", "march-figures", "Prisoners: " + F.rangeShort(m.prisoners) + " · " + modes));
      button.addEventListener("click", function () { atlas.selectMarch(m.id); });
      li.appendChild(button);
      list.appendChild(li);
      items[m.id] = { li: li, button: button };
    });
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
      var text = shown + (shown === 1 ? " march" : " marches");
      if (atlas.state.season !== "all") text += ", " + atlas.seasonLabel(atlas.state.season);
      if (text !== lastCount) count.textContent = text;  // live region: announce real changes only
      lastCount = text;
    });
  });
})();
