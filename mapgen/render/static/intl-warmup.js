/* The first Intl object a page makes costs 20-70 ms on the main thread (the browser loads its ICU
   data), and the list of marches needs one at start. A worker that makes one first takes that
   cost on another thread: the data is shared, and the page's own Intl objects then cost under a
   millisecond. Only in pages without a Content-Security-Policy (the kiosk's forbids workers). */
(function () {
  "use strict";
  try {
    var code = "new Intl.DateTimeFormat('en', {day: 'numeric', month: 'long', year: 'numeric', " +
      "timeZone: 'UTC'}).formatRange(0, 1e9); new Intl.NumberFormat('en').format(1); " +
      "new Intl.PluralRules('en').select(1); close();";
    // A data: URL, not a blob: one: nothing that looks like a request leaves the page.
    new Worker("data:text/javascript," + encodeURIComponent(code));
  } catch (e) {
    // No worker (an old browser, a policy): the page makes its Intl objects itself, slower.
  }
})();
