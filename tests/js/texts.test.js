const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("texts");

test("the words left out of a search are named in Danish", () => {
  assert.equal(AV.t.ignored(["xyz"]), "Ingen sider nævner »xyz«; her er resultater for resten.");
  assert.equal(AV.t.ignored(["a", "b", "c"]), "Ingen sider nævner »a«, »b« og »c«; her er resultater for resten.");
});
