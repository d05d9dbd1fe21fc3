/* The list of marches: always exactly the marches on the map, in date order. It doubles as the
   text alternative of the map. Choosing an item selects the march (highlight, fit, details).

   A large atlas lists its first PAGE marches and a "Show more" button for the next ones: with
   thousands of items in the page, building them at start and showing or hiding them at every
   season switch took longer than drawing the routes (issue 8). Items are made when first
   listed, and only the listed ones are in the page. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n;
  var PAGE = 100;

  A.controls.push(function (atlas) {
    var list = document.getElementById("march-list");
    var count = document.getElementById("march-count");
    if (!list) return;
    var more = A.el("button", "march-more");
    more.type = "button";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);

    var items = Object.create(null);  // march id -> { li, button, lang }: made when the march is first listed

    function label(m, item) {
      var button = item.button;
      button.textContent = "";
      button.appendChild(I.markEnglish(A.el("span", "march-title", atlas.marchText(m, "title")), "march", m.id, "title"));
      button.appendChild(A.el("span", "march-dates", F.dateRange(m.start, m.end)));
      var modes = m.modes.map(F.modeShort).join(", ");
      button.appendChild(A.el("span", "march-figures",
        I.t("list.prisoners", { range: F.rangeShort(m.prisoners) }) + " · " + modes));
      item.lang = I.lang;
    }

    function itemOf(m) {
      var item = items[m.id];
      if (!item) {
        var li = A.el("li", "march-item");
        li.setAttribute("data-march", m.id);
        var button = A.el("button", "march-button");
        button.type = "button";
        button.addEventListener("click", function () { atlas.selectMarch(m.id); });
        li.appendChild(button);
        if (m.id === current) button.setAttribute("aria-current", "true");
        item = items[m.id] = { li: li, button: button, lang: null };
      }
      if (item.lang !== I.lang) label(m, item);
      return item;
    }

    var visible = [], listed = [], limit = PAGE, filter = null, current = null, lastCount = null;

    function render() {
      var next = visible.slice(0, limit);
      var same = next.length === listed.length && next.every(function (m, i) { return m === listed[i]; });
      if (!same) {
        // One replacement of the list's children, not thousands of hidden flags.
        list.replaceChildren.apply(list, next.map(function (m) { return itemOf(m).li; }));
        listed = next;
      }
      var rest = visible.length - next.length;
      more.hidden = rest <= 0;
      if (rest > 0) more.textContent = I.t("list.more", { n: rest });
    }

    more.addEventListener("click", function () {
      var first = listed.length;
      limit += PAGE;
      render();
      // Keyboard and screen-reader users go on reading where the new items begin.
      if (listed[first]) itemOf(listed[first]).button.focus();
    });

    atlas.on("lang", function () {
      listed.forEach(function (m) { label(m, items[m.id]); });
      render();
    });

    // The first page of each season is made while the reader looks at the map, a few items
    // in each idle moment: a first visit to a season then only swaps the list's children.
    atlas.on("ready", function () {
      var waiting = [];
      atlas.seasons.forEach(function (season) {
        var page = atlas.marches.filter(function (m) { return m.seasons.indexOf(season.id) >= 0; });
        waiting = waiting.concat(page.slice(0, PAGE));
      });
      var idle = window.requestIdleCallback || function (fn) {  // Safari: 5 ms every 50 ms
        return setTimeout(function () {
          var end = Date.now() + 5;
          fn({ timeRemaining: function () { return end - Date.now(); } });
        }, 50);
      };
      function work(deadline) {
        while (waiting.length && deadline.timeRemaining() > 2) itemOf(waiting.pop());
        if (waiting.length) idle(work);
      }
      idle(work);
    });

    atlas.on("change", function () {
      var s = atlas.state, key = [s.season, s.phase, s.month].join("|");
      if (key !== filter) {
        filter = key;
        visible = atlas.visibleMarches();
        limit = PAGE;
        render();
      }
      if (current !== s.march) {
        if (items[current]) items[current].button.removeAttribute("aria-current");
        current = s.march;
        if (items[current]) items[current].button.setAttribute("aria-current", "true");
      }
      var text = I.t("list.count", { n: visible.length });
      var context = atlas.filterLabel();
      if (context) text = I.t("list.count_in_season", { count: text, season: context });
      if (text !== lastCount) count.textContent = text;  // live region: announce real changes only
      lastCount = text;
    });
  });
})();
