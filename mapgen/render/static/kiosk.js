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
    var idleMs = Math.max(10, opts.idle_seconds || 120) * 1000;
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
    document.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest("a[href]");
      if (link && link.getAttribute("href").charAt(0) !== "#") e.preventDefault();  // no way out
    }, true);

    // --- never a blank screen: an error shows a calm notice and starts the page again -----
    var failing = false;
    function fail() {
      if (failing) return;
      failing = true;
      var box = el("div", "kiosk-error", I.t("page.error"));
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
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
