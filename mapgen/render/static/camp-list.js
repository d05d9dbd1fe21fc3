/* The camps, as a list in the panel: the way to a camp's details by keyboard and screen
   reader (the markers on the map are a shortcut for pointers). */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;
  A.controls.push(function (atlas) {
    var panel = document.getElementById("marches");
    if (!panel) return;
    var box = el("details", "camp-list-region");
    var summary = el("summary");
    var list = el("ul", "camp-list");
    box.appendChild(summary);
    box.appendChild(list);
    panel.parentNode.insertBefore(box, panel.nextSibling);
    // The main camps, and any subcamp with an evacuation of its own (its panel shows it).
    var evacuated = {};
    (atlas.data.evacuations || []).forEach(function (e) { evacuated[e.camp] = true; });
    var camps = Object.keys(atlas.places).map(function (id) { return atlas.places[id]; })
      .filter(function (p) { return p.kind === "main_camp" || evacuated[p.id]; });
    function render() {
      summary.textContent = I.t("camps.heading", { n: camps.length });
      list.textContent = "";
      var collator = I.intl("Collator");
      camps.slice().sort(function (a, b) {
        return collator.compare(F.placeName(a), F.placeName(b));
      }).forEach(function (p) {
        var li = el("li");
        var b = el("button", null, F.placeName(p));
        b.type = "button";
        b.setAttribute("data-place", p.id);
        b.addEventListener("click", function () { atlas.selectPlace(p.id); });
        li.appendChild(b);
        list.appendChild(li);
      });
    }
    render();
    atlas.on("lang", render);
  });
})();
