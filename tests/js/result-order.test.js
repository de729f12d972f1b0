const test = require("node:test");
const assert = require("node:assert/strict");
const O = require("../../macros/almenviden/browser/result-order.js");

// Test data: made-up results of a sorted search over three indexes, as the site's patched pagefind.js gives
// them (each index's results in its own order, marked with the index; merged by Pagefind's score, i.e. taking
// turns). Their page data counts how often it was asked for.
function indexes(...titleLists) {
  const fetched = [];
  const results = [];
  titleLists.forEach((titles, n) => titles.forEach((title, place) => {
    const id = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    results.push({ id, place, almenvidenIndex: n, data: async () => {
      fetched.push(id);
      return { url: "/ideer/" + id + "/", meta: { title, updated: "2024-0" + (1 + (place % 3)) + "-01" } };
    } });
  }));
  results.sort((a, b) => a.place - b.place);  // Pagefind's merged order: by place in each index
  return { results, fetched };
}
const titles = async (list, n) => Promise.all((await list.head(n)).map(async (r) => (await r.data()).meta.title));

test("the sort value is render/sort_values.py's: Danish A–Å, then the URL's name; newest first", () => {
  assert.equal(O.sortValue("title", { url: "/ideer/aeble/", meta: { title: "Æble" } }), "{ble\taeble");
  assert.equal(O.sortValue("title", { url: "/om/index.html", meta: { title: "Om" } }), "om\tom");
  assert.equal(O.sortValue("title", { url: "/x/", meta: { title: "Mad & \"drikke\"" } }), "mad  drikke\tx");
  assert.equal(O.sortValue("newest", { url: "/ideer/x/", meta: { title: "X", updated: "2024-08-04" } }),
               "79759195\tx\tx");
  assert.ok(O.compareCodePoints(O.danishKey("Zumba"), O.danishKey("Æbler")) < 0);
  assert.ok(O.compareCodePoints(O.danishKey("Øl"), O.danishKey("Åben")) < 0);
  assert.ok(O.compareCodePoints("a", "a\tb") < 0 && O.compareCodePoints("a\tb", "a b") < 0);
  assert.ok(O.compareCodePoints("\uffff", "\u{10000}") < 0);  // code points, not UTF-16 units
  assert.equal(O.compareCodePoints("ab", "ab"), 0);
});

test("the indexes' orders are merged by the sort value, and every result comes once", async () => {
  const { results } = indexes(["Bål", "Grill", "Æbleplukning"], ["Affald", "Zumba"], ["Cykler", "Ølsmagning", "Åbent hus"]);
  const list = O.sorted(results, { title: "asc" });
  assert.deepEqual(await titles(list, 99),
                   ["Affald", "Bål", "Cykler", "Grill", "Zumba", "Æbleplukning", "Ølsmagning", "Åbent hus"]);
  const backwards = indexes(["Æbleplukning", "Grill", "Bål"], ["Zumba", "Affald"], ["Åbent hus", "Ølsmagning", "Cykler"]);
  assert.deepEqual(await titles(O.sorted(backwards.results, { title: "desc" }), 3), ["Åbent hus", "Ølsmagning", "Æbleplukning"]);
});

test("only the results up to the one asked for and the first of each other index have their data fetched", async () => {
  const { results, fetched } = indexes(["A1", "A2", "A3", "A4"], ["B1", "B2", "B3", "B4"], ["C1", "C2", "C3", "C4"]);
  const list = O.sorted(results, { title: "asc" });
  assert.deepEqual(await titles(list, 2), ["A1", "A2"]);
  assert.deepEqual(new Set(fetched), new Set(["a1", "a2", "b1", "c1"]));
  assert.deepEqual(await titles(list, 5), ["A1", "A2", "A3", "A4", "B1"]);  // and again, further
});

test("one index needs no page data: Pagefind's order is the order", async () => {
  const { results, fetched } = indexes(["Z", "A"]);
  assert.deepEqual((await O.sorted(results, { title: "asc" }).head(2)).map((r) => r.id), ["z", "a"]);
  const unmarked = results.map((r) => ({ id: r.id, data: r.data }));  // one bundle: no marks at all
  assert.deepEqual((await O.sorted(unmarked, { title: "asc" }).head(2)).map((r) => r.id), ["z", "a"]);
  assert.deepEqual(fetched, []);
});

test("lists without some results, one after another, each result once", async () => {
  const { results } = indexes(["A", "C", "E"], ["B", "D"]);
  const first = O.sorted(results, { title: "asc" });
  const second = O.fromArray([{ id: "x" }, { id: "c" }, { id: "y" }]);
  const both = O.concat([O.without(first, new Set(["b"])), second]);
  assert.deepEqual(both.all.map((r) => r.id).sort(), ["a", "c", "d", "e", "x", "y"]);
  assert.deepEqual((await both.head(10)).map((r) => r.id), ["a", "c", "d", "e", "x", "y"]);
  assert.deepEqual((await both.head(3)).map((r) => r.id), ["a", "c", "d"]);
  const head = await O.headFirst(O.sorted(results, { title: "asc" }), 2);
  assert.deepEqual(head.slice(0, 2).map((r) => r.id), ["a", "b"]);
  assert.deepEqual(head.map((r) => r.id).sort(), ["a", "b", "c", "d", "e"]);
});
