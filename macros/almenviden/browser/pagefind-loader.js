/* almenviden browser code: Pagefind and the site's word list, each loaded once on first use
 * (AV.pagefind, AV.words).
 *
 * By default Pagefind is loaded with import("<site>/pagefind/pagefind.js"); a page that cannot do that
 * (the offline copy, from file://) defines
 *   window.almenvidenPagefindLoader = function (siteRoot) { return Promise<Pagefind instance> }
 * before the first search (offline/assets/offline-search.js), and everything else stays the same. The
 * instance needs the methods search(term, options), filters() of Pagefind's createInstance(), with baseUrl "/",
 * and mergeIndex(path, options) for a sharded site.
 *
 * A large catalogue's index is split into shards (search/shard_index.py): pagefind/almenviden-shards.json lists
 * them ({"shards": []} for one bundle) and which are whose kind, and each shard a page needs is merged into the
 * primary instance with the options the primary gets, once. A kind's catalogue page asks for its kind's shards
 * only (AV.pagefind(kind)); the search page and the header search box ask for every shard (AV.pagefind()), so
 * the header box used on a catalogue page merges the other kinds' shards into the same instance.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});
  var SHARD_PATH = /^[a-z0-9][a-z0-9/_-]*\/$/;

  function defaultLoader(siteRoot) {
    var bundle = new URL("pagefind/", siteRoot).href;
    return import(bundle + "pagefind.js").then(function (pagefind) {
      // No web worker: fewer bytes on the first search, and the same code path as the offline copy.
      return pagefind.createInstance({ basePath: bundle, baseUrl: "/", noWorker: true });
    });
  }

  /** The merged bundles' paths inside pagefind/ that a page needs, from the manifest (search/shard_index.py):
   * with a kind, the shards the manifest lists under that kind (none if it lists none: the kind has no
   * entries); without a kind, or when the manifest does not say which shards are whose kind ("kinds" left
   * out: the primary bundle holds entries), every shard. Only paths that are also among "shards". */
  function shardPaths(manifest, kind) {
    var all = manifest && Array.isArray(manifest.shards) ? manifest.shards : [];
    all = all.filter(function (path) { return typeof path === "string" && SHARD_PATH.test(path); });
    var kinds = manifest && manifest.kinds;
    if (!kind || !kinds || typeof kinds !== "object" || Array.isArray(kinds)) return all;
    var listed = Object.prototype.hasOwnProperty.call(kinds, kind) && Array.isArray(kinds[kind]) ? kinds[kind] : [];
    return all.filter(function (path) { return listed.indexOf(path) >= 0; });
  }

  /** The manifest of a large site's search shards ({"shards": []} when there is one bundle). */
  function shardManifest(siteRoot) {
    // offline, the Pagefind loader answers this fetch
    return fetch(new URL("pagefind/almenviden-shards.json", siteRoot).href).then(function (response) {
      return response.ok ? response.json() : null;
    }).catch(function () { return null; });
  }

  var loading = null;
  /** {pagefind: the primary instance with its options set, manifest, options}, loaded on first use (again
   * after a failure). */
  function primary() {
    if (!loading) {
      var loader = root.almenvidenPagefindLoader || defaultLoader;
      var options = { ranking: AV.ranking };
      var instance = Promise.resolve(loader(AV.siteRoot));
      // Asked for at once, not after Pagefind has loaded (offline, the loader's call has set up the answer).
      var manifest = shardManifest(AV.siteRoot);
      loading = instance.then(function (pagefind) {
        return Promise.all([pagefind.options ? pagefind.options(options) : null, manifest]).then(function (done) {
          return { pagefind: pagefind, manifest: done[1], options: options };
        });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Per Pagefind instance (the offline loader gives the same one again after a failure): shard path -> the
  // Promise of its mergeIndex, so that no shard is merged twice.
  var merges = new WeakMap();

  /** The Pagefind instance with the shards a page needs merged into it: a kind's (see shardPaths), or every
   * shard without a kind. Rejects if one cannot be merged (a later call tries again). */
  AV.pagefind = function (kind) {
    return primary().then(function (loaded) {
      var pagefind = loaded.pagefind;
      if (!pagefind.mergeIndex) return pagefind;
      var merged = merges.get(pagefind);
      if (!merged) merges.set(pagefind, (merged = Object.create(null)));
      var bundle = new URL("pagefind/", AV.siteRoot).href;
      return Promise.all(shardPaths(loaded.manifest, kind).map(function (path) {
        if (!merged[path]) {
          merged[path] = pagefind.mergeIndex(bundle + path, Object.assign({ baseUrl: "/" }, loaded.options));
          merged[path].catch(function () { delete merged[path]; loading = null; });
        }
        return merged[path];
      })).then(function () { return pagefind; });
    });
  };

  var wordsLoading = null;
  /** The site's word list (an AV.WordList), or null if it cannot be had (then queries go to Pagefind as typed). */
  AV.words = function () {
    if (!wordsLoading) {
      wordsLoading = primary().then(function () {  // offline, the Pagefind loader answers this fetch
        return fetch(new URL("pagefind/almenviden-words.json", AV.siteRoot).href);
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (data) { return new AV.WordList(data); }, function (error) {
        console.warn("almenviden: ordlisten til søgningen mangler; søger uden den", error);
        return null;
      });
    }
    return wordsLoading;
  };

  if (typeof module === "object" && module.exports) module.exports = { shardPaths: shardPaths };
})(typeof window === "object" ? window : globalThis);
