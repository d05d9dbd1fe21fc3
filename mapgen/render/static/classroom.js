/* Classroom: the story phase by phase, stepped with the keys a presentation clicker sends
   (→ / ← / Space / PageDown / PageUp), each with a caption in plain words. The month timeline
   is the one of every build (timeline.js). */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n, el = A.el;

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

    area.appendChild(bar);

    var index = -1;

    function render() {
      heading.textContent = I.t("steps.label");
      prev.setAttribute("aria-label", I.t("steps.previous"));
      next.setAttribute("aria-label", I.t("steps.next"));
      var phase = atlas.state.phase ? atlas.phaseById(atlas.state.phase) : null;
      if (phase) {
        index = phases.indexOf(phase);
        position.textContent = I.t("steps.position", { i: index + 1, n: phases.length });
        phaseTitle.textContent = I.text("phase", phase.id, "label", phase.label);
        caption.textContent = I.text("phase", phase.id, "caption", phase.caption);
        steps.classList.remove("is-idle");
      } else {
        position.textContent = I.t("steps.position", { i: "–", n: phases.length });
        phaseTitle.textContent = I.t("steps.label");
        caption.textContent = "";
        steps.classList.add("is-idle");
      }
      prev.disabled = phase !== null && index <= 0;
      next.disabled = phase !== null && index >= phases.length - 1;
    }

    function go(delta) {
      if (!phases.length) return;
      var target = atlas.state.phase ? index + delta : (delta > 0 ? 0 : phases.length - 1);
      target = Math.max(0, Math.min(phases.length - 1, target));
      atlas.setPhase(phases[target].id);
    }

    prev.addEventListener("click", function () { go(-1); });
    next.addEventListener("click", function () { go(1); });

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

    atlas.on("change", render);
    atlas.on("lang", render);
    render();
  });
})();
