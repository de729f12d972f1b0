const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("search-run");

const result = (id, score) => ({ id, score });
const ids = (results) => results.map((r) => r.id);

test("merged results: the first tier first, then by score times the query's factor", () => {
  const queries = [{ factor: 1, tier: 0 }, { factor: 0.5, tier: 0 }, { factor: 1, tier: 1 }];
  const lists = [[result("a", 1), result("b", 3)], [result("c", 10)], [result("d", 100)]];
  // c: 10 × 0.5 = 5 beats b's 3 and a's 1; d is in the second tier however high its score.
  assert.deepEqual(ids(AV.mergeResults(queries, lists, false)), ["c", "b", "a", "d"]);
});

test("a result found by several queries counts once, at its best tier and there its best score", () => {
  const queries = [{ factor: 1, tier: 0 }, { factor: 0.9, tier: 1 }, { factor: 1, tier: 0 }];
  const lists = [[result("a", 2), result("b", 1)], [result("b", 50)], [result("b", 4)]];
  assert.deepEqual(ids(AV.mergeResults(queries, lists, false)), ["b", "a"]);
});

test("equal scores keep the order found; a sorted search keeps Pagefind's order", () => {
  const queries = [{ factor: 1, tier: 0 }];
  assert.deepEqual(ids(AV.mergeResults(queries, [[result("x", 1), result("y", 1), result("z", 2)]], false)),
                   ["z", "x", "y"]);
  assert.deepEqual(ids(AV.mergeResults(queries, [[result("x", 1), result("y", 1), result("z", 2)]], true)),
                   ["x", "y", "z"]);
});

test("results of queries with a word left out rank by their own best score times how rare their words are", () => {
  const queries = [{ factor: 1, tier: 0 }, { factor: 0.5, tier: 2, relaxed: true }, { factor: 0.5, tier: 2, relaxed: true }];
  const common = Array.from({ length: 20 }, (_, i) => result("n" + i, 10 - i / 10));  // "naboen": 20 pages
  const lists = [[], [result("konflikt", 2)], common];  // "larm": 1 page, with a lower raw score
  const merged = ids(AV.mergeResults(queries, lists, false));
  assert.equal(merged[0], "konflikt");
  assert.deepEqual(merged.slice(1), ids(common));
});

test("a page with every word stays before the pages found with a word left out", () => {
  const queries = [{ factor: 1, tier: 0 }, { factor: 0.5, tier: 2, relaxed: true }];
  assert.deepEqual(ids(AV.mergeResults(queries, [[result("alle", 0.1)], [result("x", 50)]], false)), ["alle", "x"]);
});
