const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("constants", "ranking");
const { ranking } = require("../../macros/almenviden/browser/ranking.js");

test("the id pattern accepts entry ids and refuses anything else", () => {
  const id = new RegExp(AV.constants.idPattern);
  for (const ok of ["faelles-spisning", "kursus2", "a-b-c"]) assert.ok(id.test(ok), ok);
  for (const bad of ["Fælles", "-a", "a-", "a--b", "a b", "<img>", "a,b", ""]) assert.ok(!id.test(bad), bad);
});

test("the storage keys are named for their data and versioned", () => {
  assert.equal(AV.constants.storageKeys.minListe, "almenviden.minListe.v1");
  assert.equal(AV.constants.storageKeys.foelgEllerForklar, "almenviden.foelgEllerForklar.v1");
});

test("ranking: title words and labels weighted in each numbered field, shown fields not at all", () => {
  const w = AV.ranking.metaWeights;
  const { title, labels } = AV.constants.meta;
  assert.equal(w[title], AV.constants.metaWeights[title]);
  assert.equal(w[title + "4"], AV.constants.metaWeights[title]);
  assert.equal(w[labels + "2"], AV.constants.metaWeights[labels]);
  assert.ok(w[title] > w[labels] && w[labels] > 1, "a title word counts most, a label more than body text");
  assert.equal(w[title + "5"], undefined);
  for (const shown of ["title", "summary", "kind", "updated"]) assert.equal(w[shown], 0, shown);
});

test("ranking follows the constants it is given", () => {
  const made = ranking({ meta: { shown: ["x"] }, metaWeights: { a: 7 }, weightedMetaFields: 2 });
  assert.deepEqual(made, { metaWeights: { x: 0, a: 7, a2: 7 } });
});
