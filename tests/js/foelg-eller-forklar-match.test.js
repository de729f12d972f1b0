"use strict";
// Stored answers against a later build of the sheet: changed texts are marked, moved ones follow their text.
const test = require("node:test");
const assert = require("node:assert/strict");
const { reconcile } = require("../../macros/almenviden/browser/foelg-eller-forklar-match.js");

const a = (hash, choice = "foelger-ikke", explanation = "Fordi " + hash) => ({ choice, explanation, hash });
const items = (entry, hashes) => hashes.map((hash, i) => ({ key: `${entry}/${i + 1}`, hash, entry }));

test("unchanged recommendations keep their answers, nothing marked", () => {
  const answers = { "e/1": a("aaaaaaaaaaaa"), "e/2": a("bbbbbbbbbbbb") };
  const r = reconcile(answers, items("e", ["aaaaaaaaaaaa", "bbbbbbbbbbbb"]));
  assert.deepEqual(r, { answers, changed: [], moved: [], orphans: {} });
});

test("a changed text keeps the answer under its key and marks it", () => {
  const answers = { "e/1": a("aaaaaaaaaaaa"), "e/2": a("bbbbbbbbbbbb") };
  const r = reconcile(answers, items("e", ["aaaaaaaaaaaa", "cccccccccccc"]));
  assert.deepEqual(r.changed, ["e/2"]);
  assert.equal(r.answers["e/2"].explanation, "Fordi bbbbbbbbbbbb");
  assert.equal(r.answers["e/2"].hash, "bbbbbbbbbbbb");  // the old hash: still marked on the next load
  assert.deepEqual(r.orphans, {});
});

test("reordered recommendations take their answers with them", () => {
  const answers = { "e/1": a("aaaaaaaaaaaa"), "e/2": a("bbbbbbbbbbbb"), "e/3": a("cccccccccccc") };
  const r = reconcile(answers, items("e", ["cccccccccccc", "aaaaaaaaaaaa", "bbbbbbbbbbbb"]));
  assert.deepEqual(r.changed, []);
  assert.equal(r.answers["e/1"].explanation, "Fordi cccccccccccc");
  assert.equal(r.answers["e/2"].explanation, "Fordi aaaaaaaaaaaa");
  assert.equal(r.answers["e/3"].explanation, "Fordi bbbbbbbbbbbb");
  assert.equal(r.moved.length, 3);
});

test("an inserted recommendation moves the later answers down and is itself unanswered", () => {
  const answers = { "e/1": a("aaaaaaaaaaaa"), "e/2": a("bbbbbbbbbbbb") };
  const r = reconcile(answers, items("e", ["aaaaaaaaaaaa", "nnnnnnnnnnnn", "bbbbbbbbbbbb"]));
  assert.deepEqual(Object.keys(r.answers).sort(), ["e/1", "e/3"]);
  assert.equal(r.answers["e/3"].hash, "bbbbbbbbbbbb");
  assert.deepEqual(r.changed, []);
});

test("answers never move to another entry's recommendation with the same text", () => {
  const answers = { "e/2": a("aaaaaaaaaaaa") };
  const r = reconcile(answers, [...items("e", ["bbbbbbbbbbbb"]), ...items("f", ["aaaaaaaaaaaa", "aaaaaaaaaaaa"])]);
  assert.deepEqual(r.answers, {});
  assert.deepEqual(Object.keys(r.orphans), ["e/2"]);
});

test("answers to recommendations that are gone are orphans, kept with their text", () => {
  const answers = { "e/1": a("aaaaaaaaaaaa"), "gone/1": a("dddddddddddd", "foelger-delvist", "Vores forklaring") };
  const r = reconcile(answers, items("e", ["aaaaaaaaaaaa"]));
  assert.deepEqual(r.orphans, { "gone/1": answers["gone/1"] });
});

test("a key is never given two answers: a removed recommendation's answer gives way to a moved one", () => {
  // e had [A, B]; A was removed, so B is now e/1. The old e/1 answer (to A) must not take B's place.
  const answers = { "e/1": a("aaaaaaaaaaaa"), "e/2": a("bbbbbbbbbbbb") };
  const r = reconcile(answers, items("e", ["bbbbbbbbbbbb"]));
  assert.deepEqual(Object.keys(r.answers), ["e/1"]);
  assert.equal(r.answers["e/1"].hash, "bbbbbbbbbbbb");
  assert.deepEqual(Object.keys(r.orphans), ["e/1"]);
  assert.equal(r.orphans["e/1"].hash, "aaaaaaaaaaaa");
});
