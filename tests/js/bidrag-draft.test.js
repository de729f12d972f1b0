"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const drafts = require("../../macros/almenviden/browser/bidrag-draft.js");

function memoryStorage() {
  const items = new Map();
  return { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)),
           removeItem: (k) => items.delete(k), items };
}

test("a saved draft is loaded back under almenviden.bidrag.v1 and cleared", () => {
  const storage = memoryStorage();
  const store = drafts.draftStore(storage);
  assert.equal(store.load(), null);
  assert.equal(store.save({ kind: "ideas", data: { title: "Æble" }, editing: null }), true);
  assert.deepEqual(JSON.parse(storage.items.get("almenviden.bidrag.v1")).data, { title: "Æble" });
  assert.deepEqual(drafts.draftStore(storage).load().data, { title: "Æble" });
  store.clear();
  assert.equal(drafts.draftStore(storage).load(), null);
});

test("storage that throws falls back to memory and says so", () => {
  const broken = { getItem() { throw new Error("no"); }, setItem() { throw new Error("full"); }, removeItem() { throw new Error("no"); } };
  const store = drafts.draftStore(broken);
  assert.equal(store.save({ kind: "ideas", data: { title: "x" } }), false);
  assert.equal(store.ok, false);
  assert.equal(store.load().data.title, "x");
});

test("a damaged or foreign value is no draft", () => {
  const storage = memoryStorage();
  storage.setItem("almenviden.bidrag.v1", "{not json");
  assert.equal(drafts.draftStore(storage).load(), null);
  storage.setItem("almenviden.bidrag.v1", JSON.stringify({ v: 2, kind: "ideas" }));
  assert.equal(drafts.draftStore(storage).load(), null);
});

test("the entry handed over by 'Ret i formularen' has its own key", () => {
  const storage = memoryStorage();
  drafts.editStore(storage).save({ id: "a", kind: "ideas", data: {} });
  assert.ok(storage.items.has("almenviden.bidragRet.v1"));
  assert.equal(drafts.draftStore(storage).load(), null);
});
