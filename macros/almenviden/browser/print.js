/* The print views' "Print" button (render/templates/guide_print.html): shown only when this script runs, it
   opens the browser's print dialogue. No inline handler: the pages have a Content-Security-Policy. */
(function () {
  "use strict";
  var root = typeof window === "object" ? window : globalThis;

  /* Show every [data-av-print] button inside `scope`, make it print, and hide the keyboard hint meant for
     readers without scripts. Returns how many buttons it set up. */
  function setUpPrintButtons(scope, print) {
    var buttons = scope.querySelectorAll("[data-av-print]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { print(); });
    });
    if (buttons.length) {
      Array.prototype.forEach.call(scope.querySelectorAll("[data-av-print-hint]"), function (hint) {
        hint.hidden = true;
      });
    }
    return buttons.length;
  }

  root.almenviden = root.almenviden || {};
  root.almenviden.setUpPrintButtons = setUpPrintButtons;

  if (typeof document === "object") {
    var start = function () { setUpPrintButtons(document, function () { root.print(); }); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  if (typeof module === "object" && module.exports) module.exports = { setUpPrintButtons: setUpPrintButtons };
})();
