const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("text-fold");

test("fold lowercases, folds å and accents, keeps æ and ø, drops punctuation", () => {
  assert.equal(AV.fold("Gårdmand"), "gardmand");
  assert.equal(AV.fold("ØKONOMI"), "økonomi");
  assert.equal(AV.fold("Hærværk"), "hærværk");
  assert.equal(AV.fold("café"), "cafe");
  assert.equal(AV.fold("børne-klub!"), "børneklub");
});

test("loose folds the Danish letters and their ASCII spellings alike", () => {
  for (const spelling of ["hærværk", "haervaerk", "harvark", "HÆRVÆRK"]) assert.equal(AV.loose(spelling), "harvark");
  assert.equal(AV.loose("økonomi"), AV.loose("oekonomi"));
  assert.equal(AV.loose("gårdlaug"), AV.loose("gaardlaug"));
});

test("queryWords splits on spaces, punctuation and Danish quotes", () => {
  assert.deepEqual(AV.queryWords("  »Fælles spisning«, (gratis)?  "), ["fælles", "spisning", "gratis"]);
  assert.deepEqual(AV.queryWords(""), []);
  assert.deepEqual(AV.queryWords(",.;"), []);
});

test("cleanText strips the index's spelling variants and nothing else", () => {
  assert.equal(AV.cleanText("God økonomi^oekonomi^okonomi i afdelingen"), "God økonomi i afdelingen");
  assert.equal(AV.cleanText("2^3 er ikke en variant"), "2 er ikke en variant");
  assert.equal(AV.cleanText(null), "");
  assert.equal(AV.cleanText("<b>tekst</b>"), "<b>tekst</b>");
});
