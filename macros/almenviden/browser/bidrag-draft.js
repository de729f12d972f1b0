/* The contribution form's draft in the browser (localStorage key almenviden.bidrag.v1): a reload loses
 * nothing, "Start forfra" clears it. Storage that throws (private mode, full) falls back to memory; `ok`
 * then says so, and the page tells the reader in Danish. The draft never leaves the browser. */
(function () {
  "use strict";

  var KEY = "almenviden.bidrag.v1";
  // What an entry page hands to the form ("Ret i formularen"): {id, kind, data}.
  var EDIT_KEY = "almenviden.bidragRet.v1";

  function createStore(storage, key) {
    var memory = null;
    var store = { ok: true };
    function fail() { store.ok = false; }
    store.load = function () {
      var text = memory;
      try { if (storage) text = storage.getItem(key); else fail(); } catch (e) { fail(); }
      if (!text) return null;
      try {
        var value = JSON.parse(text);
        return value && typeof value === "object" && value.v === 1 ? value : null;
      } catch (e) { return null; }
    };
    store.save = function (value) {
      var text = JSON.stringify(Object.assign({ v: 1 }, value));
      memory = text;
      try { if (storage) storage.setItem(key, text); else fail(); } catch (e) { fail(); }
      return store.ok;
    };
    store.clear = function () {
      memory = null;
      try { if (storage) storage.removeItem(key); } catch (e) { fail(); }
    };
    return store;
  }

  function browserStorage() {
    try { return typeof window === "object" ? window.localStorage : null; } catch (e) { return null; }
  }

  var api = {
    KEY: KEY, EDIT_KEY: EDIT_KEY, createStore: createStore,
    draftStore: function (storage) { return createStore(storage === undefined ? browserStorage() : storage, KEY); },
    editStore: function (storage) { return createStore(storage === undefined ? browserStorage() : storage, EDIT_KEY); }
  };
  var root = typeof window === "object" ? window : globalThis;
  root.almenviden = root.almenviden || {};
  root.almenviden.bidragDraft = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})();
