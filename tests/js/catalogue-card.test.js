const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("catalogue-card");

// Test data shaped like a catalogue browser's data-av-config (render/browse.py).
const CONFIG = {
  cardFacets: ["udgift", "maalgruppe"],
  facets: [
    { key: "udgift", label: "Udgift", values: [["gratis", "Gratis"], ["lille", "Lille udgift"]] },
    { key: "maalgruppe", label: "Målgruppe", values: [["alle", "Alle"], ["unge", "Unge"], ["aeldre", "Ældre"]] },
    { key: "aarstid", label: "Årstid", values: [["vinter", "Vinter"]] },
  ],
  implied: { maalgruppe: { alle: ["unge", "aeldre"] } },
};

test("a card's chips: its card facets' values in the facets' order, labelled", () => {
  const chips = AV.cardChips(CONFIG, { maalgruppe: ["aeldre", "unge"], udgift: ["gratis"], aarstid: ["vinter"] });
  assert.deepEqual(chips, [{ label: "Gratis", facet: "Udgift" }, { label: "Unge", facet: "Målgruppe" },
                           { label: "Ældre", facet: "Målgruppe" }]);
});

test("a value another value implies is not shown twice", () => {
  assert.deepEqual(AV.cardChips(CONFIG, { maalgruppe: ["alle", "unge", "aeldre"] }),
                   [{ label: "Alle", facet: "Målgruppe" }]);
});

test("no filters, unknown values: no chips", () => {
  assert.deepEqual(AV.cardChips(CONFIG, undefined), []);
  assert.deepEqual(AV.cardChips(CONFIG, { udgift: ["<b>"] }), []);
});
