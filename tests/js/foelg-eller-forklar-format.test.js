"use strict";
// The sheet's file format: what "Indlæs fil" accepts, and every way it refuses (tests/js, node --test).
const test = require("node:test");
const assert = require("node:assert/strict");
const format = require("../../macros/almenviden/browser/foelg-eller-forklar-format.js");

const HASH = "0123456789ab";

function file(overrides, answers) {
  return JSON.stringify(Object.assign({
    format: "almenviden-foelg-eller-forklar", version: 1, saved: "2026-12-05T10:00:00.000Z",
    organisation: "Testafdeling 7", meetingDate: "2026-12-10",
    answers: answers || { "test-anbefaling/1": { choice: "foelger-ikke", explanation: "Fordi.", hash: HASH } }
  }, overrides));
}

test("a saved state loads back unchanged", () => {
  const state = { organisation: "Afd. Æblehaven", meetingDate: "2026-01-31",
                  answers: { "a-b/2": { choice: "foelger-delvist", explanation: "Delvist, fordi …", hash: HASH },
                             "a-b/1": { choice: "", explanation: "Kladde", hash: HASH } } };
  const text = JSON.stringify(format.toData(state, "2026-12-05T10:00:00.000Z"));
  const parsed = format.parseFile(text, text.length);
  assert.equal(parsed.ok, true, parsed.message);
  assert.deepEqual(parsed.state, state);
  assert.equal(JSON.parse(text).format, "almenviden-foelg-eller-forklar");
  assert.equal(JSON.parse(text).version, 1);
});

test("a byte order mark and unknown extra fields are accepted", () => {
  const parsed = format.parseFile("\uFEFF" + file({ note: "later field" }));
  assert.equal(parsed.ok, true, parsed.message);
  assert.equal(parsed.state.answers["test-anbefaling/1"].explanation, "Fordi.");
});

test("damaged JSON is refused with a Danish message", () => {
  for (const text of ["", "{", file().slice(0, -5), "null", "[]", "\"tekst\"", "42"]) {
    const parsed = format.parseFile(text, text.length);
    assert.equal(parsed.ok, false, text);
    assert.match(parsed.message, /ikke|beskadiget/, text);
  }
});

test("a foreign file says it is not a følg-eller-forklar sheet", () => {
  for (const text of [JSON.stringify({ answers: {} }), file({ format: "something-else" }),
                      JSON.stringify({ format: "almenviden-min-liste", version: 1 })]) {
    const parsed = format.parseFile(text);
    assert.equal(parsed.ok, false);
    assert.equal(parsed.message, "Filen er ikke et følg-eller-forklar-skema fra almenviden.");
  }
});

test("a newer version is refused and named", () => {
  const parsed = format.parseFile(file({ version: 2 }));
  assert.equal(parsed.ok, false);
  assert.match(parsed.message, /nyere udgave.*version 2/);
});

test("a broken version number is damage", () => {
  for (const version of [0, -1, 1.5, "1", null, undefined]) {
    const parsed = format.parseFile(file({ version }));
    assert.equal(parsed.ok, false, String(version));
    assert.match(parsed.message, /beskadiget/);
  }
});

test("a file over the size limit is refused before it is parsed", () => {
  const parsed = format.parseFile("{}", format.LIMITS.fileBytes + 1);
  assert.equal(parsed.ok, false);
  assert.match(parsed.message, /for stor/);
  const big = format.parseFile(" ".repeat(format.LIMITS.fileBytes + 1));
  assert.equal(big.ok, false);
  assert.match(big.message, /for stor/);
});

test("every field is checked: types, choices, lengths, keys, hashes, dates", () => {
  const bad = [
    [{ organisation: 7 }],
    [{ organisation: "x".repeat(format.LIMITS.organisation + 1) }],
    [{ meetingDate: "2026-02-30" }],
    [{ meetingDate: "i morgen" }],
    [{ meetingDate: 20261210 }],
    [{ saved: {} }],
    [{ answers: [] }],
    [{ answers: null }],
    [{}, { "test-anbefaling/1": { choice: "maaske", explanation: "", hash: HASH } }],
    [{}, { "test-anbefaling/1": { choice: 1, explanation: "", hash: HASH } }],
    [{}, { "test-anbefaling/1": { choice: "foelger", explanation: ["x"], hash: HASH } }],
    [{}, { "test-anbefaling/1": { choice: "foelger", explanation: "x".repeat(format.LIMITS.explanation + 1), hash: HASH } }],
    [{}, { "test-anbefaling/1": { choice: "foelger", explanation: "" } }],
    [{}, { "test-anbefaling/1": { choice: "foelger", explanation: "", hash: "<b>x</b>" } }],
    [{}, { "test-anbefaling/1": "foelger" }],
    [{}, { "__proto__/1": { choice: "foelger", explanation: "", hash: HASH } }],
    [{}, { "Test/1": { choice: "foelger", explanation: "", hash: HASH } }],
    [{}, { "test-anbefaling/0": { choice: "foelger", explanation: "", hash: HASH } }],
    [{}, { "<img src=x onerror=alert(1)>/1": { choice: "foelger", explanation: "", hash: HASH } }],
  ];
  for (const [overrides, answers] of bad) {
    const parsed = format.parseFile(file(overrides, answers));
    assert.equal(parsed.ok, false, JSON.stringify([overrides, answers]));
    assert.match(parsed.message, /^Filen er beskadiget: .+\.$/);
  }
  const many = {};
  for (let i = 0; i <= format.LIMITS.answers; i++) many[`a${i}/1`] = { choice: "", explanation: "", hash: HASH };
  assert.equal(format.parseFile(file({}, many)).ok, false);
});

test("hostile text in allowed fields stays text: it is kept as given, never interpreted", () => {
  const hostile = "<script>__pwned=1</script>\"><img src=x onerror=alert(1)>";
  const parsed = format.parseFile(file({ organisation: hostile.slice(0, 60) },
    { "test-anbefaling/1": { choice: "foelger-ikke", explanation: hostile, hash: HASH } }));
  assert.equal(parsed.ok, true, parsed.message);
  assert.equal(parsed.state.answers["test-anbefaling/1"].explanation, hostile);
  assert.equal(Object.getPrototypeOf(parsed.state.answers), Object.prototype);
});

test("a __proto__ member in the file cannot change any object's prototype", () => {
  const text = '{"format":"almenviden-foelg-eller-forklar","version":1,"answers":{},"__proto__":{"polluted":1}}';
  const parsed = format.parseFile(text);
  assert.equal(parsed.ok, true, parsed.message);
  assert.equal({}.polluted, undefined);
  assert.equal(parsed.state.polluted, undefined);
});

test("the file name is plain ASCII with the organisation and date", () => {
  assert.equal(format.fileName({ organisation: "Afd. Ærø Søvej", meetingDate: "2026-12-10" }, "2026-12-05"),
               "foelg-eller-forklar-afd-aeroe-soevej-2026-12-10.json");
  assert.equal(format.fileName({ organisation: "<script>", meetingDate: "" }, "2026-12-05"),
               "foelg-eller-forklar-script-2026-12-05.json");
  assert.equal(format.fileName({ organisation: "", meetingDate: "" }, "2026-12-05"),
               "foelg-eller-forklar-2026-12-05.json");
});

test("an explanation is asked for unless the board follows fully", () => {
  assert.equal(format.needsExplanation({ choice: "foelger" }), false);
  assert.equal(format.needsExplanation({ choice: "foelger-delvist" }), true);
  assert.equal(format.needsExplanation({ choice: "foelger-ikke" }), true);
  assert.equal(format.needsExplanation({ choice: "" }), false);
  assert.equal(format.isAnswered({ choice: "", explanation: "kladde" }), false);
});
