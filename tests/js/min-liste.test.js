// The pure logic of the reader's list (browser/min-liste.js): the ?poster= link, id checks, list operations,
// the stored format. Run with `node --test tests/js/`.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
require("../../macros/almenviden/browser/constants.js"); // min-liste.js reads AV.constants, as in the page
const list = require("../../macros/almenviden/browser/min-liste.js");

test("the storage key is the one the brief fixes", () => {
  assert.equal(list.STORAGE_KEY, "almenviden.minListe.v1");
});

test("ids follow the entry id pattern", () => {
  for (const id of ["a", "7", "faellesspisning", "a1-b2-c3"]) assert.equal(list.isValidId(id), true, id);
  for (const bad of ["", "-a", "a-", "a--b", "A", "æble", "a b", "<img src=x>", "../x", "a/b", "a.js", null, 7,
    "a".repeat(201)]) {
    assert.equal(list.isValidId(bad), false, String(bad));
  }
});

test("a shared link gives its ids in order, each once, and sets invalid ones apart", () => {
  const r = list.parsePosterParam("?poster=b,a,%3Cscript%3E,b,,%20c%20");
  assert.deepEqual(r, { present: true, ids: ["b", "a", "c"], invalid: ["<script>"], error: null });
});

test("a page address without ?poster= carries no list", () => {
  assert.deepEqual(list.parsePosterParam(""), { present: false, ids: [], invalid: [], error: null });
  assert.equal(list.parsePosterParam("?q=x").present, false);
  assert.equal(list.parsePosterParam("?poster=").present, true);
  assert.deepEqual(list.parsePosterParam("?poster=").ids, []);
});

test("absurd links are refused with a Danish message", () => {
  const many = list.parsePosterParam("?poster=" + Array.from({ length: 101 }, (_, i) => "p" + i).join(","));
  assert.match(many.error, /højst have 100 poster/);
  assert.deepEqual(many.ids, []);
  const exactly = list.parsePosterParam("?poster=" + Array.from({ length: 100 }, (_, i) => "p" + i).join(","));
  assert.equal(exactly.error, null);
  assert.equal(exactly.ids.length, 100);
  const long = list.parsePosterParam("?poster=a&x=" + "y".repeat(list.MAX_QUERY_LENGTH));
  assert.match(long.error, /for langt/);
  assert.deepEqual(long.ids, []);
});

test("the stored list survives damage: bad JSON, other types, invalid and repeated ids", () => {
  assert.deepEqual(list.parseStored(null), []);
  assert.deepEqual(list.parseStored("{"), []);
  assert.deepEqual(list.parseStored('{"a": 1}'), []);
  assert.deepEqual(list.parseStored('"a"'), []);
  assert.deepEqual(list.parseStored('["a", 3, null, "<b>", "a", "b"]'), ["a", "b"]);
  const stored = JSON.stringify(Array.from({ length: 150 }, (_, i) => "p" + i));
  assert.equal(list.parseStored(stored).length, list.MAX_IDS);
});

test("the stored format is a JSON array of ids that reads back the same", () => {
  const ids = ["c", "a-1", "b"];
  assert.equal(list.serialize(ids), '["c","a-1","b"]');
  assert.deepEqual(list.parseStored(list.serialize(ids)), ids);
});

test("list operations return new lists and ignore what they cannot do", () => {
  const ids = ["a", "b", "c"];
  assert.deepEqual(list.addId(ids, "d"), ["a", "b", "c", "d"]);
  assert.deepEqual(list.addId(ids, "a"), ids);
  assert.deepEqual(list.addId(ids, "<x>"), ids);
  const full = Array.from({ length: list.MAX_IDS }, (_, i) => "p" + i);
  assert.equal(list.addId(full, "new").length, list.MAX_IDS);
  assert.deepEqual(list.removeId(ids, "b"), ["a", "c"]);
  assert.deepEqual(list.removeId(ids, "x"), ids);
  assert.deepEqual(list.moveId(ids, "c", -1), ["a", "c", "b"]);
  assert.deepEqual(list.moveId(ids, "a", 1), ["b", "a", "c"]);
  assert.deepEqual(list.moveId(ids, "a", -1), ids);
  assert.deepEqual(list.moveId(ids, "c", 1), ids);
  assert.deepEqual(list.moveId(ids, "x", 1), ids);
  assert.deepEqual(ids, ["a", "b", "c"]); // never changed in place
  assert.equal(list.sameList(["a", "b"], ["a", "b"]), true);
  assert.equal(list.sameList(["a", "b"], ["b", "a"]), false);
});

test("the share link reads back as the same list", () => {
  const ids = ["c", "a-1", "b"];
  assert.equal(list.shareQuery(ids), "?poster=c,a-1,b");
  assert.deepEqual(list.parsePosterParam(list.shareQuery(ids)).ids, ids);
});

test("Danish words: the header's accessible name and the date", () => {
  assert.equal(list.countLabel(0), "Min liste, 0 poster");
  assert.equal(list.countLabel(1), "Min liste, 1 post");
  assert.equal(list.countLabel(3), "Min liste, 3 poster");
  assert.equal(list.danishDate(new Date(2024, 7, 4)), "4. august 2024");
  assert.equal(list.danishDate(new Date(2026, 11, 31)), "31. december 2026");
});

test("a card's entry id is the last segment of an entry page's URL under the site", () => {
  const root = "http://x.test/site/";
  assert.equal(list.idFromEntryUrl(root + "ideer/faelles-spisning/", root), "faelles-spisning");
  assert.equal(list.idFromEntryUrl(root + "ideer/faelles-spisning/index.html", root), "faelles-spisning");
  assert.equal(list.idFromEntryUrl("file:///tmp/a%20b/ideer/x.html", "file:///tmp/a%20b/"), "x");
  assert.equal(list.idFromEntryUrl(root + "ideer/x/?q=1#top", root), "x");
  assert.equal(list.idFromEntryUrl(root + "om/", root), null); // a hand-written page
  assert.equal(list.idFromEntryUrl(root + "ideer/", root), null);
  assert.equal(list.idFromEntryUrl("http://other.test/ideer/x/", root), null);
  assert.equal(list.idFromEntryUrl(root + "ideer/%3Cb%3E/", root), null);
});

test("a page's address names index.html only when read from disk, and keeps its query and fragment", () => {
  const { pageHref } = require("../../macros/almenviden/browser/min-liste.js");
  assert.equal(pageHref("https://x.dk/", "ideer/a/", false), "https://x.dk/ideer/a/");
  assert.equal(pageHref("file:///k/", "ideer/a/", true), "file:///k/ideer/a/index.html");
  assert.equal(pageHref("file:///k/", "ideer/a/#trin", true), "file:///k/ideer/a/index.html#trin");
  assert.equal(pageHref("file:///k/", "ideer/a.html", true), "file:///k/ideer/a.html");
});
