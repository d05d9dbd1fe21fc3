/* Museum kiosk: a content note before the map, a reset after a time without input, an optional
   attract loop through the seasons while nobody is there, and no way out of the page.
   Runs unattended for months: no timer or listener is ever added twice. */
(function () {
  "use strict";
  var A = window.MapgenAtlas, I = window.MapgenI18n, el = A.el;

  A.controls.push(function (atlas) {
    var opts = atlas.options;
    var layout = document.querySelector(".atlas-layout");

    // --- the content note -------------------------------------------------------------
    var note = el("div", "content-note");
    note.setAttribute("role", "dialog");
    note.setAttribute("aria-modal", "true");
    note.setAttribute("aria-labelledby", "note-title");
    var card = el("div", "content-note-card");
    var title = el("h2", null);
    title.id = "note-title";
    var text = el("p", "content-note-text");
    var languages = el("div", "content-note-languages");
    languages.setAttribute("role", "group");
    var enter = el("button", "content-note-enter");
    enter.type = "button";
    I.languages().forEach(function (code) {
      var b = el("button", "language-button", I.strings[code]._language.name);
      b.type = "button";
      b.lang = code;
      b.setAttribute("data-lang", code);
      b.addEventListener("click", function () { atlas.setLang(code); });
      languages.appendChild(b);
    });
    card.appendChild(title);
    card.appendChild(text);
    card.appendChild(languages);
    card.appendChild(enter);
    note.appendChild(card);
    document.body.appendChild(note);

    function label() {
      title.textContent = I.t("note.title");
      text.textContent = I.t("note.text");
      enter.textContent = I.t("note.enter");
      languages.setAttribute("aria-label", I.t("page.language"));
      languages.querySelectorAll("button").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === I.lang));
      });
    }
    label();
    atlas.on("lang", label);

    function showNote() {
      note.hidden = false;
      layout.inert = true;  // the map behind is not reachable until the visitor enters
      enter.focus({ preventScroll: true });
    }
    function hideNote() {
      note.hidden = true;
      layout.inert = false;
      stopAttract();
      var list = document.getElementById("marches");
      if (list) list.focus({ preventScroll: true });
    }
    enter.addEventListener("click", hideNote);

    // --- attract loop: the seasons in turn, slowly, while the note waits ------------------
    var attractTimer = null;
    function startAttract() {
      if (!opts.attract || attractTimer) return;
      var ids = atlas.seasons.map(function (s) { return s.id; });
      var i = 0;
      attractTimer = window.setInterval(function () {
        atlas.setSeason(ids[i % ids.length]);
        i++;
      }, 8000);
    }
    function stopAttract() {
      if (attractTimer) window.clearInterval(attractTimer);
      attractTimer = null;
    }

    // --- idle reset ------------------------------------------------------------------------
    // 10 s to a day, as the build option allows: beyond 2^31 ms setTimeout fires at once.
    var idleMs = Math.min(86400, Math.max(10, opts.idle_seconds || 120)) * 1000;
    var idleTimer = null;
    function reset() {
      atlas.closeDetails();
      if (I.lang !== I.buildLang && I.supported(I.buildLang)) atlas.setLang(I.buildLang);
      atlas.setSeason("all");
      showNote();
      startAttract();
    }
    function activity() {
      if (idleTimer) window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(reset, idleMs);
    }
    ["pointerdown", "keydown", "wheel", "touchstart"].forEach(function (name) {
      document.addEventListener(name, function () {
        stopAttract();
        activity();
      }, { passive: true, capture: true });
    });

    // --- locked down -----------------------------------------------------------------------
    document.addEventListener("contextmenu", function (e) { e.preventDefault(); });
    document.addEventListener("dragstart", function (e) { e.preventDefault(); });
    // No way out: the page has no outside link, and one added later would still not open by
    // a click, a middle click (auxclick), a modified click or a key; nor would window.open.
    function noWayOut(e) {
      var link = e.target && e.target.closest && e.target.closest("a[href], area[href]");
      if (link && (link.getAttribute("href") || "").charAt(0) !== "#") e.preventDefault();
    }
    ["click", "auxclick"].forEach(function (name) {
      document.addEventListener(name, noWayOut, true);
    });
    document.addEventListener("mousedown", function (e) {
      if (e.button === 1) e.preventDefault();  // the middle button: no autoscroll, no new tab
    }, true);
    window.open = function () { return null; };

    // --- never a blank screen: an error shows a calm notice and starts the page again -----
    // At most one restart in RESTART_GAP_MS (remembered in sessionStorage across the reload):
    // an error that comes back at every start would otherwise reload the page for ever.
    var RESTART_KEY = "mapgen-kiosk-restarted-at", RESTART_GAP_MS = 10 * 60 * 1000;
    function lastRestart() {
      try {
        return Number(window.sessionStorage.getItem(RESTART_KEY)) || 0;
      } catch (e) {
        return null;  // no storage: cannot tell, so only a page that ran a while restarts
      }
    }
    function mayRestart() {
      var last = lastRestart();
      if (last === null) return window.performance.now() > RESTART_GAP_MS;
      return Date.now() - last > RESTART_GAP_MS;
    }
    var failing = false;
    function fail() {
      if (failing) return;
      failing = true;
      var restart = mayRestart();
      var box = el("div", "kiosk-error", I.t(restart ? "page.error" : "page.error_stays"));
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
      document.documentElement.setAttribute("data-kiosk-error", restart ? "restart" : "stays");
      if (!restart) return;
      try {
        window.sessionStorage.setItem(RESTART_KEY, String(Date.now()));
      } catch (e) {
        // no storage: performance.now() above keeps the restarts apart
      }
      window.setTimeout(function () { location.reload(); }, 5000);
    }
    window.addEventListener("error", fail);
    window.addEventListener("unhandledrejection", fail);

    showNote();
    startAttract();
    activity();
    A.kiosk = { reset: reset, showNote: showNote, hideNote: hideNote };
  });
})();
