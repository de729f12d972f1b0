const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("text-fold", "word-list", "result-order", "search-run");

// Test data: made-up pages; a fake Pagefind that counts which result texts (fragments) are fetched.
const PAGES = { a: "kasse og have", b: "kasser i gården", c: "kasserer valgt", d: "fuglekasse", e: "have" };

function fakePagefind(hits, fetched) {
  return {
    search: async (phrase) => ({
      results: (hits[phrase] || []).map((id, i) => ({
        id, score: 10 - i,
        data: async () => { fetched.push(phrase + ":" + id); return { content: PAGES[id], meta: {}, filters: {} }; },
      })),
      filters: {},
    }),
  };
}

async function searchWith(queries, hits) {
  const fetched = [];
  AV.pagefind = async () => fakePagefind(hits, fetched);
  AV.words = async () => new AV.WordList({ words: ["kasse", "kasser", "kasserer", "have", "fuglekasse"], forms: [] });
  AV.plan = () => ({ queries, ignored: [], corrected: [], unknown: [], suggestions: [] });
  const found = await AV.search("kasse");
  return { ids: found.results.map((r) => r.id), fetched };
}

test("a later query's results that an earlier query of a lower tier has are not fetched to be checked", async () => {
  const hits = { kasse: ["a", "b", "d", "e"], fuglekasse: ["d", "a", "c"] };
  const queries = [{ phrase: "kasse", factor: 1, tier: 0 }, { phrase: "fuglekasse", factor: 0.6, tier: 1 }];
  const { ids, fetched } = await searchWith(queries, hits);
  // e (only "have") is dropped from the first; d and a were kept by the first, so only c is fetched for the second.
  assert.deepEqual(ids, ["a", "b", "d"]);
  assert.deepEqual(fetched.filter((f) => f.startsWith("fuglekasse:")), ["fuglekasse:c"]);
});

test("a result dropped by the earlier query is still checked for the later one", async () => {
  const hits = { kasserer: ["b", "c"], kasser: ["b"] };
  const queries = [{ phrase: "kasserer", factor: 1, tier: 0 }, { phrase: "kasser", factor: 0.85, tier: 1 }];
  const { ids, fetched } = await searchWith(queries, hits);
  assert.deepEqual(ids, ["c", "b"]);  // b (kasser) is no form of kasserer, but is found by the second query
  assert.ok(fetched.includes("kasser:b"));
});

test("queries of one tier are each checked in full", async () => {
  const hits = { kasse: ["a", "b"], have: ["a", "e"] };
  const queries = [{ phrase: "kasse", factor: 1, tier: 0 }, { phrase: "have", factor: 0.9, tier: 0 }];
  const { fetched } = await searchWith(queries, hits);
  assert.ok(fetched.includes("have:a"));
});

test("a part of the word list that cannot be had: the query goes to Pagefind as typed", async () => {
  const fetched = [];
  AV.pagefind = async () => fakePagefind({ "kasse haven": ["a"] }, fetched);
  AV.words = async () => new AV.WordList({ prefixes: ["kas"], ends: [], dir: "almenviden-words/" },
                                         () => Promise.reject(new Error("HTTP 404")));
  AV.plan = require("../../macros/almenviden/browser/query-plan.js").plan;
  const warn = console.warn;
  console.warn = () => {};
  try {
    const found = await AV.search("kasse haven");
    assert.deepEqual(found.results.map((r) => r.id), ["a"]);
  } finally {
    console.warn = warn;
  }
});
