"use strict";
// Where the answers are kept: localStorage when it works, memory and a flag when it does not.
const test = require("node:test");
const assert = require("node:assert/strict");
// The page loads the format module first; the others find it on globalThis.almenviden.foelgEllerForklar.
require("../../macros/almenviden/browser/foelg-eller-forklar-format.js");
const { STORAGE_KEY, createStore } = require("../../macros/almenviden/browser/foelg-eller-forklar-store.js");

const HASH = "0123456789ab";
const STATE = { organisation: "Testafdeling", meetingDate: "2026-12-10",
                answers: { "x/1": { choice: "foelger-ikke", explanation: "Fordi.", hash: HASH } } };

function fakeStorage() {
  const data = new Map();
  return { data, getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)) };
}

test("the storage key is the one the site documents", () => {
  assert.equal(STORAGE_KEY, "almenviden.foelgEllerForklar.v1");
});

test("answers saved are loaded back by a new store over the same storage (a reload)", () => {
  const storage = fakeStorage();
  assert.equal(createStore(storage).save(STATE), true);
  assert.deepEqual([...storage.data.keys()], [STORAGE_KEY]);
  const loaded = createStore(storage).load();
  assert.equal(loaded.damaged, false);
  assert.deepEqual(loaded.state, STATE);
});

test("empty storage is an empty sheet", () => {
  const loaded = createStore(fakeStorage()).load();
  assert.deepEqual(loaded, { state: { organisation: "", meetingDate: "", answers: {} }, damaged: false });
});

test("damaged or foreign stored data is an empty sheet, flagged, and left in place", () => {
  for (const text of ["{not json", "{\"format\":\"other\"}", JSON.stringify({ format: "almenviden-foelg-eller-forklar",
    version: 1, answers: { "x/1": { choice: "nej", explanation: "", hash: HASH } } })]) {
    const storage = fakeStorage();
    storage.setItem(STORAGE_KEY, text);
    const loaded = createStore(storage).load();
    assert.equal(loaded.damaged, true, text);
    assert.deepEqual(loaded.state.answers, {});
    assert.equal(storage.getItem(STORAGE_KEY), text);
  }
});

test("storage that throws falls back to memory, and says so", () => {
  const throwing = { getItem() { throw new Error("SecurityError"); }, setItem() { throw new Error("QuotaExceededError"); } };
  const store = createStore(throwing);
  assert.equal(store.load().damaged, false);
  assert.equal(store.isPersistent(), false);
  assert.equal(store.save(STATE), false);
  assert.deepEqual(store.load().state, STATE);
});

test("a full storage on save keeps the answers in memory", () => {
  const full = fakeStorage();
  full.setItem = () => { throw new Error("QuotaExceededError"); };
  const store = createStore(full);
  assert.equal(store.save(STATE), false);
  assert.equal(store.isPersistent(), false);
  assert.deepEqual(store.load().state, STATE);
});

test("no storage at all works from memory", () => {
  const store = createStore(null);
  assert.equal(store.save(STATE), false);
  assert.deepEqual(store.load().state, STATE);
});
