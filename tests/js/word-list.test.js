const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("text-fold", "word-list");
const { distance, inflects } = require("../../macros/almenviden/browser/word-list.js");

// Test data: a made-up word list shaped like pagefind/almenviden-words.json (most frequent word first).
const COMMON = Array.from({ length: 100 }, (_, i) => "fyld" + String.fromCharCode(97 + (i % 26)) + i);
const DATA = {
  words: ["og", "eller", ...COMMON, "affald", "sortering", "køkkenhave", "have", "madklub", "kasse", "fælles",
          "spisning", "fællesspisning", "hærværk", "beboere", "fuglekasse", "fugl"],
  forms: ["haver", "kasser"],
  synonyms: { "hærværk": ["skader"], "grill": ["fælles spisning"] },
  topics: [["emne", "fællesskab", "Fællesskab"]],
};
const words = new AV.WordList(DATA);

test("known: a word on the pages, a word it begins, an inflected form; not a word on no page", () => {
  assert.ok(words.known("affald"));
  assert.ok(words.known("sorter"));  // typing: begins "sortering"
  assert.ok(words.known("madklubberne"));  // madklub + doubled b + erne
  assert.ok(words.known("kasserne"));  // the plural kasser + ne
  assert.ok(!words.known("helikopter"));
});

test("inflects: an inflected form is the stem and a Danish ending; a plural only takes a plural's ending", () => {
  assert.ok(inflects("madklub", "berne"));
  assert.ok(inflects("kasser", "ne"));
  assert.ok(!inflects("kasser", "er"));  // kasserer (treasurer) is another word
  assert.ok(!inflects("have", "xyz"));
});

test("matches: a page word matches a query word it begins, ends in, or inflects", () => {
  assert.ok(words.matches("sortering", "sorter"));
  assert.ok(words.matches("køkkenhave", "have"));
  assert.ok(words.matches("madklub", "madklubberne"));
  assert.ok(!words.matches("kasse", "kasserer"));
});

test("matches: another inflected form of the query word's stem (billige on a page with billigt)", () => {
  assert.ok(words.matches("billigt", "billige"));
  assert.ok(words.matches("mørket", "mørke"));
  assert.ok(!words.matches("kassen", "kasserer"));
  assert.ok(!words.matches("bilen", "billige"));
});

test("split: a compound of words on the pages, with or without a linking s or e", () => {
  assert.deepEqual(words.split("affaldssortering"), ["affald", "sortering"]);
  const parts = new AV.WordList({ words: ["fugl", "kasse"], forms: [] });
  assert.deepEqual(parts.split("fuglekasse"), ["fugl", "kasse"]);
  assert.deepEqual(words.split("fuglekasse"), ["fugle", "kasse"]);  // the longest head first: "fugle" begins a word
  assert.equal(words.split("helikopter"), null);
});

test("compoundsEndingIn: the compounds on the pages that end in a word, not for the commonest words", () => {
  assert.deepEqual(words.compoundsEndingIn("have", 4), ["køkkenhave"]);
  assert.deepEqual(words.compoundsEndingIn("kasse", 4), ["fuglekasse"]);
  assert.deepEqual(words.compoundsEndingIn("eller", 4), []);
});

test("synonymsOf: by any spelling of the word, and of its inflected forms", () => {
  assert.deepEqual(words.synonymsOf("haervaerk"), ["skader"]);
  assert.deepEqual(words.synonymsOf("grillen"), ["fælles spisning"]);
  assert.deepEqual(words.synonymsOf("affald"), []);
});

test("suggest: close words for 'Mente du …?', closest first, at most one edit for short words", () => {
  assert.deepEqual(words.suggest("afald", 3), ["affald"]);
  assert.deepEqual(words.suggest("spisnign", 3), ["spisning"]);  // a transposition counts as one edit
  assert.deepEqual(words.suggest("xyzxyz", 3), []);
});

test("distance: optimal string alignment, capped at max + 1", () => {
  assert.equal(distance("kasse", "kasse", 2), 0);
  assert.equal(distance("kasse", "kase", 2), 1);
  assert.equal(distance("ab", "ba", 2), 1);
  assert.equal(distance("abcdef", "uvwxyz", 2), 3);
});
