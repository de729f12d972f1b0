// browser/print.js: the print views' button is shown and prints; the no-script hint is hidden.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { setUpPrintButtons } = require("../../macros/almenviden/browser/print.js");

function fakeElement() {
  const listeners = {};
  return {
    hidden: true,
    listeners,
    addEventListener(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    click() { (listeners.click || []).forEach((fn) => fn()); },
  };
}

function fakeScope(buttons, hints) {
  return {
    querySelectorAll(selector) {
      if (selector === "[data-av-print]") return buttons;
      if (selector === "[data-av-print-hint]") return hints;
      return [];
    },
  };
}

test("a print button is shown, prints on click, and the hint for readers without scripts goes", () => {
  const button = fakeElement();
  const hint = fakeElement();
  hint.hidden = false;
  let printed = 0;
  assert.equal(setUpPrintButtons(fakeScope([button], [hint]), () => { printed += 1; }), 1);
  assert.equal(button.hidden, false);
  assert.equal(hint.hidden, true);
  button.click();
  assert.equal(printed, 1);
});

test("a page without a print button keeps its hint and prints nothing", () => {
  const hint = fakeElement();
  hint.hidden = false;
  assert.equal(setUpPrintButtons(fakeScope([], [hint]), () => assert.fail("printed")), 0);
  assert.equal(hint.hidden, false);
});
