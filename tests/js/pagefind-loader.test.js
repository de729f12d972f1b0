const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("pagefind-loader");
const { shardPaths } = require("../../macros/almenviden/browser/pagefind-loader.js");

// Test data: a manifest as search/shard_index.py writes it for a made-up sharded site.
const MANIFEST = {
  shards: ["shards/courses-0/", "shards/ideas-0/", "shards/ideas-1/", "shards/recommendations-0/"],
  kinds: { courses: ["shards/courses-0/"], ideas: ["shards/ideas-0/", "shards/ideas-1/"],
           recommendations: ["shards/recommendations-0/"] },
};

test("a kind's catalogue needs only the shards the manifest lists under its kind", () => {
  assert.deepEqual(shardPaths(MANIFEST, "ideas"), ["shards/ideas-0/", "shards/ideas-1/"]);
  assert.deepEqual(shardPaths(MANIFEST, "courses"), ["shards/courses-0/"]);
});

test("without a kind every shard is needed", () => {
  assert.deepEqual(shardPaths(MANIFEST), MANIFEST.shards);
  assert.deepEqual(shardPaths(MANIFEST, ""), MANIFEST.shards);
});

test("a kind without entries needs no shard; one bundle has none", () => {
  assert.deepEqual(shardPaths(MANIFEST, "guides"), []);
  assert.deepEqual(shardPaths({ shards: [], kinds: {} }, "ideas"), []);
  assert.deepEqual(shardPaths({ shards: [], kinds: {} }), []);
});

test("a manifest that does not say which shards are whose kind: every shard, also for a kind", () => {
  assert.deepEqual(shardPaths({ shards: MANIFEST.shards }, "ideas"), MANIFEST.shards);
  assert.deepEqual(shardPaths({ shards: MANIFEST.shards, kinds: ["shards/ideas-0/"] }, "ideas"), MANIFEST.shards);
});

test("no manifest, or paths that are not folders inside pagefind/, give nothing to merge", () => {
  assert.deepEqual(shardPaths(null, "ideas"), []);
  assert.deepEqual(shardPaths({ shards: "shards/ideas-0/" }), []);
  const odd = { shards: ["../elsewhere/", "https://example.org/x/", "shards/ideas-0", 7, "shards/ideas-1/"],
                kinds: { ideas: ["shards/ideas-1/", "shards/not-in-shards/", "../elsewhere/"], toString: "x" } };
  assert.deepEqual(shardPaths(odd), ["shards/ideas-1/"]);
  assert.deepEqual(shardPaths(odd, "ideas"), ["shards/ideas-1/"]);
  assert.deepEqual(shardPaths(odd, "toString"), []);
  assert.deepEqual(shardPaths(odd, "constructor"), []);
});

// AV.pagefind with a fake Pagefind (the offline copy's seam, window.almenvidenPagefindLoader) and a fake fetch
// that answers the manifest: which shards are merged, and that none is merged twice.
function fakeSite(failOnce) {
  const site = { created: 0, merged: [], fetched: [] };
  const instance = {
    options: async () => {},
    mergeIndex: async (path) => {
      site.merged.push(path.replace("http://site.test/pagefind/", ""));
      if (failOnce && failOnce.has(path)) { failOnce.delete(path); throw new Error("test: not loaded"); }
    },
  };
  globalThis.almenvidenPagefindLoader = () => { site.created++; return instance; };
  globalThis.fetch = async (url) => {
    site.fetched.push(url);
    return { ok: true, json: async () => MANIFEST };
  };
  AV.siteRoot = "http://site.test/";
  return site;
}

// A fresh copy of the loader (its state is per page): AV.pagefind as a page that has not searched yet.
const LOADER = require.resolve("../../macros/almenviden/browser/pagefind-loader.js");
function freshPage() {
  delete require.cache[LOADER];
  require(LOADER);
}

test("AV.pagefind(kind) merges that kind's shards, AV.pagefind() the rest, each once", async () => {
  freshPage();
  const site = fakeSite();
  const pagefind = await AV.pagefind("ideas");
  assert.deepEqual(site.merged, ["shards/ideas-0/", "shards/ideas-1/"]);
  assert.equal(await AV.pagefind("ideas"), pagefind);
  assert.equal(site.merged.length, 2);
  assert.equal(await AV.pagefind(), pagefind);  // the header box on the same page: the other kinds join
  assert.deepEqual(site.merged.sort(), [...MANIFEST.shards].sort());
  await AV.pagefind();
  assert.equal(site.merged.length, MANIFEST.shards.length);
  assert.equal(site.created, 1);
  assert.deepEqual(site.fetched, ["http://site.test/pagefind/almenviden-shards.json"]);
});

test("a shard that could not be merged is merged again on the next call, the others not", async () => {
  freshPage();
  const site = fakeSite(new Set(["http://site.test/pagefind/shards/ideas-1/"]));
  await assert.rejects(AV.pagefind("ideas"), /not loaded/);
  assert.deepEqual(site.merged, ["shards/ideas-0/", "shards/ideas-1/"]);
  await AV.pagefind("ideas");
  assert.deepEqual(site.merged, ["shards/ideas-0/", "shards/ideas-1/", "shards/ideas-1/"]);
});

test("one bundle: nothing is merged, and a kind's page loads what every page loads", async () => {
  freshPage();
  const site = fakeSite();
  globalThis.fetch = async (url) => { site.fetched.push(url); return { ok: true, json: async () => ({ shards: [], kinds: {} }) }; };
  await AV.pagefind("ideas");
  await AV.pagefind();
  assert.deepEqual(site.merged, []);
  assert.equal(site.created, 1);
});
