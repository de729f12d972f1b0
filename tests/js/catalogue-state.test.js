const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("texts", "catalogue-state");
const S = AV.catalogueState;

// Test data shaped like a catalogue browser's data-av-config (render/browse.py).
const CONFIG = {
  facets: [
    { key: "udgift", label: "Udgift", values: [["gratis", "Gratis"], ["lille", "Lille udgift"]] },
    { key: "aarstid", label: "Årstid", values: [["vinter", "Vinter"], ["sommer", "Sommer"], ["hele-aaret", "Hele året"]] },
  ],
  fixed: { type: ["ideer"] },
  noun: ["idé", "idéer"],
};

const chosen = (state) => Object.fromEntries(Object.entries(state.selected).map(([k, v]) => [k, [...v].sort()]));

test("the URL's facet values by key or label, repeated or comma-separated; unknown ones left out", () => {
  const state = S.readState(CONFIG, "?q=f%C3%A6lles&udgift=Gratis&aarstid=vinter,HELE-AARET&aarstid=jul&sort=titel");
  assert.equal(state.q, "fælles");
  assert.equal(state.sort, "titel");
  assert.deepEqual(chosen(state), { udgift: ["gratis"], aarstid: ["hele-aaret", "vinter"] });
});

test("an unknown sort order and unknown parameters are ignored", () => {
  const state = S.readState(CONFIG, "?sort=<script>&foo=bar&udgift=");
  assert.deepEqual(state, { q: "", sort: "", selected: { udgift: new Set(), aarstid: new Set() } });
});

test("hostile URL text stays a query string: it is never a facet value", () => {
  const state = S.readState(CONFIG, "?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&udgift=%3Cb%3E");
  assert.equal(state.q, "<img src=x onerror=alert(1)>");
  assert.equal(state.selected.udgift.size, 0);
});

test("the state written to the URL reads back the same, in the config's order", () => {
  const state = { q: " vinter ", sort: "opdateret",
                  selected: { udgift: new Set(["lille", "gratis"]), aarstid: new Set(["hele-aaret"]) } };
  const query = S.stateQuery(CONFIG, state);
  assert.equal(query, "q=vinter&udgift=gratis&udgift=lille&aarstid=hele-aaret&sort=opdateret");
  const back = S.readState(CONFIG, "?" + query);
  assert.deepEqual(chosen(back), chosen(state));
  assert.equal(back.q, "vinter");
  assert.equal(back.sort, "opdateret");
});

test("Pagefind filters: the fixed ones, the chosen values as alternatives, one facet left out for its counts", () => {
  const state = { q: "", sort: "", selected: { udgift: new Set(["gratis"]), aarstid: new Set(["vinter", "sommer"]) } };
  assert.deepEqual(S.pagefindFilters(CONFIG, state, null),
                   { type: { any: ["ideer"] }, udgift: { any: ["gratis"] }, aarstid: { any: ["vinter", "sommer"] } });
  assert.deepEqual(S.pagefindFilters(CONFIG, state, "aarstid"), { type: { any: ["ideer"] }, udgift: { any: ["gratis"] } });
});

test("a browser of several kinds keeps to entries without a query, and to everything with one", () => {
  const config = { ...CONFIG, fixed: {}, entryKinds: ["ideer", "kurser"] };
  const empty = { q: "", sort: "", selected: { udgift: new Set(), aarstid: new Set() } };
  assert.deepEqual(S.pagefindFilters(config, empty, null), { type: { any: ["ideer", "kurser"] } });
  assert.deepEqual(S.pagefindFilters(config, { ...empty, q: "grill" }, null), {});
});

test("active when there is a query or a chosen value", () => {
  const none = { q: "  ", selected: { udgift: new Set(), aarstid: new Set() } };
  assert.equal(S.isActive(none), false);
  assert.equal(S.isActive({ ...none, q: "x" }), true);
  assert.equal(S.isActive({ ...none, selected: { udgift: new Set(["gratis"]), aarstid: new Set() } }), true);
});

test("sort: titles A–Å without a query, best match with one, newest first when asked", () => {
  assert.deepEqual(S.sortOption({ sort: "" }, null), { title: "asc" });
  assert.deepEqual(S.sortOption({ sort: "" }, "grill"), {});
  assert.deepEqual(S.sortOption({ sort: "titel" }, "grill"), { title: "asc" });
  assert.deepEqual(S.sortOption({ sort: "opdateret" }, null), { newest: "asc" });
});

test("the status line in Danish, singular and plural, with the query and how many are shown", () => {
  assert.deepEqual(S.announcement(CONFIG.noun, 1, 1, ""), { text: "1 idé.", button: "Vis 1 idé" });
  assert.deepEqual(S.announcement(CONFIG.noun, 1200, 24, "grill"),
                   { text: "1.200 idéer for »grill«, viser 24.", button: "Vis 1.200 idéer" });
  assert.deepEqual(S.announcement(CONFIG.noun, 0, 0, "grill"),
                   { text: "Ingen idéer passer til søgningen og filtrene.", button: "Ingen idéer – ret filtrene" });
});
