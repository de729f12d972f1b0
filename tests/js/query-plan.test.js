const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("text-fold", "word-list", "query-plan");
const { FACTOR, MAX_SEARCHES, MAX_RELAXED } = require("../../macros/almenviden/browser/query-plan.js");

// Test data: a made-up word list; 100 filler words make the real words rare enough to be split and expanded.
const FILLER = Array.from({ length: 100 }, (_, i) => "fyld" + i);
const words = new AV.WordList({
  words: ["og", "eller", "hvordan", "vi", "på", ...FILLER, "affald", "sortering", "køkkenhave", "have", "fælles",
          "spisning", "fællesspisning", "storskrald"],
  forms: [],
  synonyms: { grill: ["fælles spisning"] },
  topics: [["emne", "fællesskab", "Fællesskab"]],
  functionWords: ["og", "eller", "hvordan", "vi", "på"],
});

const phrases = (plan) => plan.queries.map((q) => [q.phrase, q.factor, q.tier]);

test("a word on the pages is searched as typed", () => {
  assert.deepEqual(phrases(AV.plan(words, "affald")), [["affald", 1, 0]]);
});

test("a compound on no page is searched as its parts, in the first tier", () => {
  assert.deepEqual(phrases(AV.plan(words, "Affaldssortering")), [["affald sortering", FACTOR.parts, 0]]);
});

test("a compound that is on the pages is also tried as its parts, after its own results", () => {
  assert.deepEqual(phrases(AV.plan(words, "fællesspisning")),
                   [["fællesspisning", 1, 0], ["fælles spisning", FACTOR.partsOfKnown, 1]]);
});

test("a word is also tried as the compounds on the pages that end in it", () => {
  assert.deepEqual(phrases(AV.plan(words, "have")), [["have", 1, 0], ["køkkenhave", FACTOR.compound, 1]]);
});

test("a word on no page with a synonym on the pages is searched as the synonym", () => {
  assert.deepEqual(phrases(AV.plan(words, "grill")), [["fælles spisning", FACTOR.synonym, 0]]);
});

test("each word's alternatives are tried with the other words as typed; then each word is left out", () => {
  assert.deepEqual(phrases(AV.plan(words, "have affald")),
                   [["have affald", 1, 0], ["køkkenhave affald", FACTOR.compound, 1],
                    ["affald", FACTOR.relaxed, 2], ["have", FACTOR.relaxed, 2]]);
});

test("function words are left out of a query that has other words, and kept in one that has not", () => {
  assert.deepEqual(phrases(AV.plan(words, "Hvordan sorterer vi affald?")).slice(0, 1), [["affald", 1, 0]]);
  assert.deepEqual(phrases(AV.plan(words, "og eller")), [["og eller", 1, 0], ["eller", FACTOR.relaxed, 2],
                                                         ["og", FACTOR.relaxed, 2]]);
});

test("a question of more than MAX_RELAXED words is not relaxed", () => {
  const long = ["affald", "sortering", "spisning", "fælles", "have"].slice(0, MAX_RELAXED + 1).join(" ");
  assert.ok(phrases(AV.plan(words, long)).every((p) => p[2] < 2));
});

test("a word on no page that ends compounds on the pages is searched as them", () => {
  assert.deepEqual(phrases(AV.plan(words, "skrald")), [["storskrald", FACTOR.compound, 0]]);
});

test("the commonest words are neither split nor expanded", () => {
  assert.deepEqual(phrases(AV.plan(words, "eller")), [["eller", 1, 0]]);
});

test("a word on no page is left out and named, the other words are searched", () => {
  const plan = AV.plan(words, "fælles afaldd");
  assert.deepEqual(phrases(plan)[0], ["fælles", 1, 0]);
  assert.ok(plan.queries.every((q) => !q.phrase.includes("afald")));
  assert.deepEqual(plan.ignored, ["afaldd"]);
  assert.deepEqual(plan.unknown, []);
  assert.deepEqual(plan.suggestions, ["affald"]);
});

test("a word on no page one letter from a word on the pages is searched as that word", () => {
  const plan = AV.plan(words, "fælles afald");
  assert.deepEqual(phrases(plan)[0], ["fælles affald", FACTOR.typo, 0]);
  assert.deepEqual(plan.corrected, [["afald", "affald"]]);
  assert.deepEqual(plan.ignored, []);
  assert.deepEqual(AV.plan(words, "hve").queries, []);  // too short to be read as a typo of "have"
});

test("a query of words on no page only stops the search and gets close words ('Mente du …?')", () => {
  const plan = AV.plan(words, "afaldd");
  assert.deepEqual(plan.queries, []);
  assert.deepEqual(plan.unknown, ["afaldd"]);
  assert.deepEqual(plan.suggestions, ["affald"]);
  assert.deepEqual(AV.plan(words, "helikopter").suggestions, []);
  assert.deepEqual(AV.plan(words, "hvordan helikopter").unknown, ["helikopter"]);  // no function word searched alone
});

test("an empty query plans nothing", () => {
  assert.deepEqual(AV.plan(words, "  "), { queries: [], ignored: [], corrected: [], unknown: [], suggestions: [] });
});

test("no more than MAX_SEARCHES searches, whatever the query", () => {
  const many = new AV.WordList({
    words: [...FILLER, "have", "urt", "køkken", "skole", "tag", "urtehave", "køkkenhave", "skolehave", "taghave"],
    forms: [],
  });
  assert.equal(AV.plan(many, "have").queries.length, 5);  // have and the four compounds that end in it
  assert.equal(AV.plan(many, "have have have").queries.length, MAX_SEARCHES);  // 1 + 3 × 4 found
});
