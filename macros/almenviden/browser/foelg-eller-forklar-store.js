/* Where the sheet's answers are kept: localStorage under one key, in the format of foelg-eller-forklar-format.js.
 *
 * localStorage can throw (some private modes, a full disk, storage turned off); then the answers stay in
 * memory for as long as the page is open, and `persistent` is false so that the page can say so.
 * What is read back is checked like a loaded file: damaged or foreign data counts as an empty sheet (and is
 * left in place, never overwritten until the reader enters something).
 */
(function (root) {
  "use strict";

  var STORAGE_KEY = "almenviden.foelgEllerForklar.v1";
  var AV = (root.almenviden = root.almenviden || {});
  var FEF = (AV.foelgEllerForklar = AV.foelgEllerForklar || {});
  var format = FEF.format;  // foelg-eller-forklar-format.js, loaded before this file

  /* A store over `storage` (window.localStorage, or any object with getItem/setItem; null: memory only). */
  function createStore(storage) {
    var memory = null;
    var persistent = Boolean(storage);

    function load() {
      var text = null;
      if (persistent) {
        try {
          text = storage.getItem(STORAGE_KEY);
        } catch {
          persistent = false;
        }
      }
      if (!persistent) text = memory;
      if (text === null || text === undefined) return { state: format.emptyState(), damaged: false };
      var data;
      try {
        data = JSON.parse(text);
      } catch {
        return { state: format.emptyState(), damaged: true };
      }
      var result = format.clean(data);
      return result.ok ? { state: result.state, damaged: false } : { state: format.emptyState(), damaged: true };
    }

    /* Keep `state`; false when only memory holds it now. */
    function save(state, now) {
      var text = JSON.stringify(format.toData(state, (now || new Date()).toISOString()));
      memory = text;
      if (!persistent) return false;
      try {
        storage.setItem(STORAGE_KEY, text);
        return true;
      } catch {
        persistent = false;
        return false;
      }
    }

    return { load: load, save: save, isPersistent: function () { return persistent; } };
  }

  /* window.localStorage, or null where even reading the property throws. */
  function browserStorage() {
    try {
      return root.localStorage || null;
    } catch {
      return null;
    }
  }

  var api = { STORAGE_KEY: STORAGE_KEY, createStore: createStore, browserStorage: browserStorage };
  FEF.store = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "object" ? window : globalThis);
