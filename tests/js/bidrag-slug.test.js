"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { slugify } = require("../../macros/almenviden/browser/bidrag-slug.js");

// The Danish rule written out by hand (danish/slugs.py is checked against this code on many titles in
// tests/test_bidrag_js.py).
test("Danish letters are spelled out, accents dropped, the rest becomes single hyphens", () => {
  assert.equal(slugify("Fælles kaffe i gården"), "faelles-kaffe-i-gaarden");
  assert.equal(slugify("Økonomi & budget — for begyndere!"), "oekonomi-budget-for-begyndere");
  assert.equal(slugify("Café crème"), "cafe-creme");
  assert.equal(slugify("  --Æble--  "), "aeble");
  assert.equal(slugify("😀 ✓"), "");
});

test("long titles are cut at a hyphen within 60 characters", () => {
  const slug = slugify("en meget lang titel der bliver ved og ved og ved og ved og ved og ved");
  assert.ok(slug.length <= 60);
  assert.equal(slug, "en-meget-lang-titel-der-bliver-ved-og-ved-og-ved-og-ved-og");
});
