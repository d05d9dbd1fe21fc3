/* The month timeline, in every build beside the season buttons: a slider with a tick and a
   name for each month, and play/pause. Choosing a month shows the marches under way in it
   (their dates overlap the month), that month's front line and the camps already liberated
   (context-layers.js); the address keeps it as #month=1945-01 (url-state.js). */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;
  var FIRST = "1944-06", LAST = "1945-05";  // the months of the front lines

  function months(atlas) {
    var first = FIRST, last = LAST;
    atlas.marches.forEach(function (m) {
      if (m._first.slice(0, 7) < first) first = m._first.slice(0, 7);
      if (m._last.slice(0, 7) > last) last = m._last.slice(0, 7);
    });
    var out = [], y = +first.slice(0, 4), mo = +first.slice(5, 7);
    for (;;) {
      var key = y + "-" + (mo < 10 ? "0" : "") + mo;
      if (key > last) break;
      out.push(key);
      if (++mo > 12) { mo = 1; y++; }
    }
    return out;
  }

  function shortMonth(key) {
    try {
      return new Intl.DateTimeFormat(I.lang, { month: "short", timeZone: "UTC" })
        .format(new Date(Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, 1)));
    } catch (e) {
      return key.slice(5, 7);
    }
  }

  A.timelineMonths = months;

  A.controls.push(function (atlas) {
    var all = months(atlas);
    var box = el("div", "month-timeline");
    box.id = "month-timeline";
    box.setAttribute("role", "group");
    var label = el("label", "month-timeline-label");
    label.htmlFor = "month-slider";
    var play = el("button", "month-play");
    play.type = "button";
    var slider = document.createElement("input");
    slider.type = "range";
    slider.id = "month-slider";
    slider.className = "month-slider";
    slider.min = "0";
    slider.max = String(all.length - 1);
    slider.step = "1";
    slider.value = "0";
    slider.setAttribute("list", "month-ticks");
    var ticks = document.createElement("datalist");
    ticks.id = "month-ticks";
    var names = el("div", "month-ticks");
    names.setAttribute("aria-hidden", "true");
    all.forEach(function (key, i) {
      var option = document.createElement("option");
      option.value = String(i);
      ticks.appendChild(option);
      var m = +key.slice(5);
      names.appendChild(el("span", m === 1 ? "month-tick is-year" : (m - 1) % 3 === 0 ? "month-tick is-quarter" : "month-tick", ""));
    });
    var current = el("p", "month-current");
    var row = el("div", "month-row");
    row.appendChild(play);
    row.appendChild(slider);
    box.appendChild(label);
    box.appendChild(row);
    box.appendChild(ticks);
    box.appendChild(names);
    box.appendChild(current);
    var seasons = document.getElementById("season-filter");
    if (seasons && seasons.parentNode) seasons.parentNode.insertBefore(box, seasons.nextSibling);
    else document.getElementById("atlas-map-area").appendChild(box);

    var playing = null;
    function stop() {
      if (playing) window.clearInterval(playing);
      playing = null;
    }
    function render() {
      label.textContent = I.t("timeline.label");
      box.setAttribute("aria-label", I.t("timeline.label"));
      play.textContent = playing ? "❚❚" : "▶";
      play.setAttribute("aria-label", I.t(playing ? "timeline.pause" : "timeline.play"));
      play.setAttribute("aria-pressed", String(!!playing));
      Array.prototype.forEach.call(names.children, function (span, i) {
        span.textContent = shortMonth(all[i]) + (all[i].slice(5) === "01" ? " " + all[i].slice(0, 4) : "");
      });
      var month = atlas.state.month;
      var i = month ? all.indexOf(month) : -1;
      if (i >= 0) slider.value = String(i);
      box.classList.toggle("is-idle", i < 0);
      slider.setAttribute("aria-valuetext", i >= 0 ? F.date(month) : I.t("timeline.none"));
      current.textContent = i >= 0 ? I.t("timeline.month_marches", { month: F.date(month), n: atlas.visibleMarches().length }) : I.t("timeline.none");
    }
    function toggle() {
      if (playing) {
        stop();
        render();
        return;
      }
      var i = atlas.state.month ? all.indexOf(atlas.state.month) : -1;
      function step() {
        i = (i + 1) % all.length;
        atlas.setMonth(all[i], { fit: false });
      }
      step();
      playing = window.setInterval(step, 1800);
      render();
    }
    play.addEventListener("click", toggle);
    slider.addEventListener("input", function () {
      stop();
      atlas.setMonth(all[+slider.value], { fit: false });
    });
    // Until a month is chosen the slider shows the first one; a click on it then chooses it.
    slider.addEventListener("click", function () {
      if (!atlas.state.month) atlas.setMonth(all[+slider.value], { fit: false });
    });
    atlas.on("change", function (detail) {
      if (detail.reason !== "month") stop();  // another choice ends the play
      render();
    });
    atlas.on("lang", render);
    render();
  });
})();
