/* Classroom: the story phase by phase, stepped with the keys a presentation clicker sends
   (→ / ← / Space / PageDown / PageUp), each with a caption in plain words; and a month timeline
   with play/pause showing the marches under way in each month. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, F = window.MapgenFormat, I = window.MapgenI18n, el = A.el;

  function months(atlas) {
    var first = atlas.marches.reduce(function (a, m) { return m._first < a ? m._first : a; }, "9999");
    var last = atlas.marches.reduce(function (a, m) { return m._last > a ? m._last : a; }, "0000");
    var out = [];
    var y = +first.slice(0, 4), mo = +first.slice(5, 7);
    while (true) {
      var key = y + "-" + (mo < 10 ? "0" : "") + mo;
      if (key > last.slice(0, 7)) break;
      out.push(key);
      mo++;
      if (mo > 12) { mo = 1; y++; }
    }
    return out;
  }

  A.controls.push(function (atlas) {
    var phases = atlas.phases;
    var area = document.getElementById("atlas-map-area");
    var bar = el("section", "story-bar");
    bar.setAttribute("aria-labelledby", "story-heading");
    var heading = el("h2", "visually-hidden");
    heading.id = "story-heading";
    bar.appendChild(heading);

    // --- phases ------------------------------------------------------------------------
    var steps = el("div", "story-steps");
    var prev = el("button", "story-button story-prev", "◀");
    var next = el("button", "story-button story-next", "▶");
    prev.type = next.type = "button";
    var body = el("div", "story-body");
    var position = el("p", "story-position");
    var phaseTitle = el("p", "story-title");
    var caption = el("p", "story-caption");
    caption.setAttribute("aria-live", "polite");
    body.appendChild(position);
    body.appendChild(phaseTitle);
    body.appendChild(caption);
    steps.appendChild(prev);
    steps.appendChild(body);
    steps.appendChild(next);
    if (phases.length) bar.appendChild(steps);

    // --- timeline ------------------------------------------------------------------------
    var all = months(atlas);
    var timeline = el("div", "story-timeline");
    var play = el("button", "story-button story-play");
    play.type = "button";
    var slider = document.createElement("input");
    slider.type = "range";
    slider.min = "0";
    slider.max = String(all.length - 1);
    slider.step = "1";
    slider.value = "0";
    slider.className = "story-slider";
    slider.id = "story-slider";
    var sliderLabel = el("label", "story-slider-label");
    sliderLabel.htmlFor = "story-slider";
    var monthText = el("p", "story-month");
    monthText.setAttribute("aria-live", "polite");
    timeline.appendChild(play);
    timeline.appendChild(sliderLabel);
    timeline.appendChild(slider);
    timeline.appendChild(monthText);
    bar.appendChild(timeline);
    area.appendChild(bar);

    var index = -1;
    var playing = null;

    function monthLabel(key) { return F.date(key); }

    function render() {
      heading.textContent = I.t("steps.label");
      prev.setAttribute("aria-label", I.t("steps.previous"));
      next.setAttribute("aria-label", I.t("steps.next"));
      play.textContent = playing ? "❚❚" : "▶";
      play.setAttribute("aria-label", I.t(playing ? "timeline.pause" : "timeline.play"));
      sliderLabel.textContent = I.t("timeline.label");
      var phase = atlas.state.phase ? atlas.phaseById(atlas.state.phase) : null;
      if (phase) {
        index = phases.indexOf(phase);
        position.textContent = I.t("steps.position", { i: index + 1, n: phases.length });
        position.hidden = false;
        phaseTitle.textContent = I.text("phase", phase.id, "label", phase.label);
        caption.textContent = I.text("phase", phase.id, "caption", phase.caption);
        [phaseTitle, caption].forEach(function (node) { node.removeAttribute("lang"); node.removeAttribute("dir"); });
        I.markEnglish(phaseTitle, "phase", phase.id, "label");
        I.markEnglish(caption, "phase", phase.id, "caption");
        steps.classList.remove("is-idle");
      } else {
        // No "phase – of 6" before the story starts: the title says what the buttons do.
        position.textContent = "";
        position.hidden = true;
        [phaseTitle, caption].forEach(function (node) { node.removeAttribute("lang"); node.removeAttribute("dir"); });
        phaseTitle.textContent = I.t("steps.label");
        caption.textContent = "";
        steps.classList.add("is-idle");
      }
      prev.disabled = phase !== null && index <= 0;
      next.disabled = phase !== null && index >= phases.length - 1;
      if (atlas.state.month) {
        slider.value = String(all.indexOf(atlas.state.month));
        monthText.textContent = I.t("timeline.month_marches", { month: monthLabel(atlas.state.month), n: atlas.visibleMarches().length });
      } else {
        monthText.textContent = "";
      }
      slider.setAttribute("aria-valuetext", monthLabel(all[+slider.value]));
    }

    function go(delta) {
      if (!phases.length) return;
      var target = atlas.state.phase ? index + delta : (delta > 0 ? 0 : phases.length - 1);
      target = Math.max(0, Math.min(phases.length - 1, target));
      stop();
      atlas.setPhase(phases[target].id);
    }

    function stop() {
      if (playing) window.clearInterval(playing);
      playing = null;
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
      playing = window.setInterval(step, 1600);
      render();
    }

    prev.addEventListener("click", function () { go(-1); });
    next.addEventListener("click", function () { go(1); });
    play.addEventListener("click", toggle);
    slider.addEventListener("input", function () {
      stop();
      atlas.setMonth(all[+slider.value], { fit: false });
    });

    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var target = e.target;
      var inMap = target.closest && target.closest(".leaflet-container");
      var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
      var onButton = target.tagName === "BUTTON";
      var forward = e.key === "PageDown" || (e.key === "ArrowRight" && !inMap && !typing) || (e.key === " " && !onButton && !typing);
      var back = e.key === "PageUp" || (e.key === "ArrowLeft" && !inMap && !typing);
      if (forward || back) {
        e.preventDefault();
        go(forward ? 1 : -1);
      }
    });

    atlas.on("change", function (detail) {
      if (detail.reason !== "month") stop();  // another choice ends the play
      render();
    });
    atlas.on("lang", render);
    render();
  });
})();
