const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("texts");

test("the words left out of a search are named in Danish", () => {
  assert.equal(AV.t.ignored(["xyz"]), "Ingen sider nævner »xyz«; her er resultater for resten.");
  assert.equal(AV.t.ignored(["a", "b", "c"]), "Ingen sider nævner »a«, »b« og »c«; her er resultater for resten.");
});

test("what a search left out or changed comes before its count, or nothing", () => {
  assert.equal(AV.t.changed({ corrected: [["kompst", "kompost"]], ignored: ["xyz"] }),
               "Ingen sider nævner »kompst«; her er resultater for »kompost«. " +
               "Ingen sider nævner »xyz«; her er resultater for resten. ");
  assert.equal(AV.t.changed({ corrected: [], ignored: [] }), "");
});
