const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("text-fold", "word-list", "result-order", "search-run");

// Test data: made-up pages with their text and facet values; a fake Pagefind that counts the facet values of
// each search's results, as Pagefind does, and records which pages' data (fragments) are fetched.
const PAGES = {
  a: { text: "kasse", filters: { type: ["ideer"], udgift: ["gratis"] } },
  b: { text: "kasse kasserer", filters: { type: ["ideer"], udgift: ["gratis", "lille"] } },
  c: { text: "kasserer", filters: { type: ["ideer"], udgift: ["lille"] } },
  d: { text: "kasserer", filters: { type: ["ideer"], udgift: ["stor"] } },
  e: { text: "have", filters: { type: ["ideer"], udgift: ["stor"] } },  // found for "kasse" but no "kasse" on it
};

function count(ids) {
  const counts = {};
  ids.forEach((id) => Object.entries(PAGES[id].filters).forEach(([f, values]) => values.forEach((v) => {
    counts[f] = counts[f] || {};
    counts[f][v] = (counts[f][v] || 0) + 1;
  })));
  return counts;
}

function fakePagefind(hits, fetched) {
  const loaded = {};  // Pagefind keeps a page's data once fetched
  return {
    search: async (phrase) => ({
      results: (hits[phrase] || []).map((id, i) => ({
        id, score: 10 - i,
        data: () => loaded[id] || (loaded[id] = (async () => {
          fetched.push(id);
          return { content: PAGES[id].text, meta: {}, filters: PAGES[id].filters };
        })()),
      })),
      filters: Object.assign({ udgift: { gratis: 0, lille: 0, stor: 0 } }, count(hits[phrase] || [])),
    }),
  };
}

test("merged searches count each result once, fetching only the data of results two searches share", async () => {
  // 60 more pages with both words: beyond the first 40 of each search, which the word-by-word check fetches.
  for (let i = 0; i < 60; i++) PAGES["m" + i] = { text: "kasse kasserer", filters: { type: ["ideer"], udgift: ["lille"] } };
  const many = Object.keys(PAGES).filter((id) => id.startsWith("m"));
  const hits = { kasse: ["a", "b", "e", ...many], kasserer: ["b", "c", "d", ...many.slice(30, 50)] };
  const queries = [{ phrase: "kasse", factor: 1, tier: 0 }, { phrase: "kasserer", factor: 0.85, tier: 0 }];
  const fetched = [];
  AV.pagefind = async () => fakePagefind(hits, fetched);
  AV.words = async () => new AV.WordList({ words: ["kasse", "kasserer", "have"], forms: [] });
  AV.plan = () => ({ queries, ignored: [], corrected: [], unknown: [], suggestions: [] });
  const found = await AV.search("kasse", { counts: true });
  assert.deepEqual(found.results.map((r) => r.id).sort(), ["a", "b", "c", "d", ...many].sort());  // not e
  assert.deepEqual(found.filters, count(["a", "b", "c", "d", ...many]));
  // Fetched: the first 40 of each search (the check), and the shared pages (b, m30…m49), nothing else.
  const expected = new Set([...hits.kasse.slice(0, 40), ...hits.kasserer.slice(0, 40), "b", ...many.slice(30, 50)]);
  assert.deepEqual(new Set(fetched), expected);
  many.forEach((id) => delete PAGES[id]);
});

test("a search whose counts are not of its results (a sort left some out) is counted from its pages", async () => {
  const hits = { kasse: ["a", "b", "e"], kasserer: ["b", "c", "d"] };
  const queries = [{ phrase: "kasse", factor: 1, tier: 0 }, { phrase: "kasserer", factor: 0.85, tier: 0 }];
  const fetched = [];
  const pagefind = fakePagefind(hits, fetched);
  AV.pagefind = async () => ({
    search: async (phrase, options) => {
      const answer = await pagefind.search(phrase, options);
      if (phrase === "kasserer") answer.filters = count(["b", "c", "d", "e"]);  // counted one page too many
      return answer;
    },
  });
  AV.words = async () => new AV.WordList({ words: ["kasse", "kasserer", "have"], forms: [] });
  AV.plan = () => ({ queries, ignored: [], corrected: [], unknown: [], suggestions: [] });
  const found = await AV.search("kasse", { counts: true });
  assert.deepEqual(found.filters, count(["a", "b", "c", "d"]));
});
