/* Languages in the page: every interface string and every translated text of the data.
   All languages travel in the page; switching needs no reload and no network.
   Choice at start: #lang= in the URL, else the build's --lang when one was given, else the
   browser's language when we have it, else English. */
(function () {
  "use strict";
  // Intl objects are slow to make (a locale's data is loaded for each new one) and were made at
  // every call: tens of milliseconds at start on a phone. One per locale and options is kept.
  var formats = {};
  function own(table, key) {
    return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  }
  var I = {
    strings: {},
    data: {},
    lang: "en",
    fallback: "en",

    init: function (payload) {
      I.strings = payload.strings;
      I.data = payload.data || {};
      I.fallback = "en";
      I.buildLang = payload.default;
      I.explicit = !!payload.explicit;
      I.customTitle = payload.custom_title || null;
      I.lang = I.choose();
    },

    languages: function () {
      var codes = Object.keys(I.strings).sort();
      return ["en"].concat(codes.filter(function (c) { return c !== "en"; }));
    },

    supported: function (code) {
      return !!code && Object.prototype.hasOwnProperty.call(I.strings, code);
    },

    choose: function () {
      var m = /(?:^#|&)lang=([a-z]{2})/.exec(location.hash);
      if (m && I.supported(m[1])) return m[1];
      if (I.explicit && I.supported(I.buildLang)) return I.buildLang;
      var wanted = navigator.languages || [navigator.language || ""];
      for (var i = 0; i < wanted.length; i++) {
        var code = String(wanted[i]).slice(0, 2).toLowerCase();
        if (I.supported(code)) return code;
      }
      return I.supported(I.buildLang) ? I.buildLang : "en";
    },

    meta: function () {
      return (I.strings[I.lang] || I.strings.en)._language;
    },
    locale: function () { return I.meta().locale; },

    /* t("list.count", {n: 3}) -> "3 marches"; plural forms by Intl.PluralRules. */
    t: function (key, vars) {
      var value = (I.strings[I.lang] || {})[key];
      if (value === undefined) value = I.strings.en[key];
      if (value === undefined) return key;
      if (typeof value === "object") {
        var category = I.intl("PluralRules").select(vars && vars.n !== undefined ? vars.n : 0);
        value = value[category] || value.other;
      }
      return value.replace(/\{(\w+)\}/g, function (all, name) {
        if (!vars || vars[name] === undefined) return all;
        return name === "n" && typeof vars.n === "number" ? I.number(vars.n) : String(vars[name]);
      });
    },

    number: function (n) {
      return I.intl("NumberFormat").format(n);
    },

    /* A shared Intl.<kind> (PluralRules, NumberFormat, DateTimeFormat, Collator) for the current
       language: new Intl.<kind>(I.locale(), options), made once. */
    intl: function (kind, options) {
      var key = kind + " " + I.locale() + " " + (options ? JSON.stringify(options) : "");
      return formats[key] || (formats[key] = new Intl[kind](I.locale(), options));
    },

    /* A translated field of the data, or the English original. */
    text: function (kind, id, field, original) {
      // Own properties only: a place called "constructor" must not read Object's name.
      var value = own(own(own(I.data, I.lang), kind), id);
      value = own(value, field);
      return typeof value === "string" && value ? value : original;
    },

    /* Mark `node` as English, laid out left to right, when the text it holds is the English
       original shown for want of a translation (kind, id, field as in text()); with no kind,
       when it is English in any case (a note that is never translated). Inside a Hebrew page
       the full stop of an English sentence then stays at its end. Returns the node. */
    markEnglish: function (node, kind, id, field) {
      var table = I.data[I.lang];
      var translated = kind && table && table[kind] && table[kind][id] && table[kind][id][field];
      if (I.lang !== "en" && !translated) {
        node.lang = "en";
        node.dir = "ltr";
      }
      return node;
    },

    /* Fill the page's own markup: data-i18n="key" (text) and data-i18n-attr="attr:key;…". */
    apply: function (root) {
      root.querySelectorAll("[data-i18n]").forEach(function (node) {
        node.textContent = I.t(node.getAttribute("data-i18n"));
      });
      root.querySelectorAll("[data-i18n-attr]").forEach(function (node) {
        node.getAttribute("data-i18n-attr").split(";").forEach(function (pair) {
          var parts = pair.split(":");
          node.setAttribute(parts[0], I.t(parts[1]));
        });
      });
      var html = document.documentElement;
      html.lang = I.lang;
      html.dir = I.meta().dir;
      document.title = I.customTitle || I.t("page.title");
    }
  };
  window.MapgenI18n = I;
})();
