/* Stored answers against the sheet as it is now (render/comply_sheet.py gives each recommendation a key
 * "<entry id>/<n>" and a hash of its text; an answer keeps the hash it was given against).
 *
 * In this order:
 *   1. key and hash both match: the answer stands;
 *   2. the entry has, under another key, a recommendation with exactly the answer's text (its hash): the
 *      recommendations were reordered or one was inserted or removed; the answer moves to that key;
 *   3. the key is still on the sheet, with another text: the answer stays there, marked as changed (it
 *      keeps its old hash until the reader confirms or changes it);
 *   4. otherwise the answer is an orphan: listed in a notice, kept, never dropped silently.
 * A key is never given two answers.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});
  var FEF = (AV.foelgEllerForklar = AV.foelgEllerForklar || {});

  /* answers: {key: {choice, explanation, hash}}; items: [{key, hash, entry}] in page order.
   * → {answers (by the sheet's keys), changed: [keys], moved: [[from, to]], orphans: {key: answer}} */
  function reconcile(answers, items) {
    var byKey = {};
    var byEntryHash = {};
    items.forEach(function (item) {
      byKey[item.key] = item;
      var slot = item.entry + "\n" + item.hash;
      (byEntryHash[slot] = byEntryHash[slot] || []).push(item);
    });
    var result = { answers: {}, changed: [], moved: [], orphans: {} };
    var taken = {};
    var left = [];
    Object.keys(answers).sort().forEach(function (key) {
      var item = byKey[key];
      if (item && item.hash === answers[key].hash) {
        result.answers[key] = answers[key];
        taken[key] = true;
      } else {
        left.push(key);
      }
    });
    var stillLeft = [];
    left.forEach(function (key) {
      var answer = answers[key];
      var entry = key.slice(0, key.lastIndexOf("/"));
      var target = (byEntryHash[entry + "\n" + answer.hash] || []).filter(function (i) { return !taken[i.key]; })[0];
      if (target) {
        result.answers[target.key] = answer;
        result.moved.push([key, target.key]);
        taken[target.key] = true;
      } else {
        stillLeft.push(key);
      }
    });
    stillLeft.forEach(function (key) {
      if (byKey[key] && !taken[key]) {
        result.answers[key] = answers[key];
        result.changed.push(key);
        taken[key] = true;
      } else {
        result.orphans[key] = answers[key];
      }
    });
    return result;
  }

  var api = { reconcile: reconcile };
  FEF.match = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "object" ? window : globalThis);
