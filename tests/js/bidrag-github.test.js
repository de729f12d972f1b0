"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const gh = require("../../macros/almenviden/browser/bidrag-github.js");

const CONFIG = { github: "almenviden/almenviden", branch: "main" };

test("the new-file link carries the file name and the text, percent-encoded", () => {
  const yaml = "title: Fælles & kaffe\nbody: \"a#b?c\"\n";
  const { url, tooLong } = gh.newFileUrl(CONFIG, "ideas", "faelles-kaffe", yaml);
  assert.equal(tooLong, false);
  const parsed = new URL(url);
  assert.equal(parsed.origin + parsed.pathname, "https://github.com/almenviden/almenviden/new/main");
  assert.equal(parsed.searchParams.get("filename"), "catalogue/ideas/faelles-kaffe.yaml");
  assert.equal(parsed.searchParams.get("value"), yaml);
});

test("a link longer than the limit is reported too long; one at the limit is not", () => {
  const base = gh.newFileUrl(CONFIG, "ideas", "x", "").url.length;
  assert.equal(gh.newFileUrl(CONFIG, "ideas", "x", "a".repeat(gh.URL_LIMIT - base)).tooLong, false);
  assert.equal(gh.newFileUrl(CONFIG, "ideas", "x", "a".repeat(gh.URL_LIMIT - base + 1)).tooLong, true);
  // measured after encoding: æ is 6 characters in the URL
  assert.equal(gh.newFileUrl(CONFIG, "ideas", "x", "æ".repeat(Math.ceil((gh.URL_LIMIT - base) / 6) + 1)).tooLong, true);
});

test("edit link and configuration check", () => {
  assert.equal(gh.editUrl(CONFIG, "courses", "abc"), "https://github.com/almenviden/almenviden/edit/main/catalogue/courses/abc.yaml");
  assert.equal(gh.validConfig(CONFIG), true);
  assert.equal(gh.validConfig({ github: "javascript:alert(1)", branch: "main" }), false);
  assert.equal(gh.validConfig({ github: "a/b", branch: "ma in" }), false);
  assert.equal(gh.validConfig(null), false);
});
