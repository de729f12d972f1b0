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
 * them ({"shards": []} for one bundle), and each is merged into the primary instance with the options the
 * primary gets, so results and filter counts come from all of them.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  function defaultLoader(siteRoot) {
    var bundle = new URL("pagefind/", siteRoot).href;
    return import(bundle + "pagefind.js").then(function (pagefind) {
      // No web worker: fewer bytes on the first search, and the same code path as the offline copy.
      return pagefind.createInstance({ basePath: bundle, baseUrl: "/", noWorker: true });
    });
  }

  /** The merged bundles' paths inside pagefind/ that the manifest (search/shard_index.py) lists. */
  function shardPaths(manifest) {
    var shards = manifest && Array.isArray(manifest.shards) ? manifest.shards : [];
    return shards.filter(function (path) { return typeof path === "string" && /^[a-z0-9][a-z0-9/_-]*\/$/.test(path); });
  }

  /** The manifest of a large site's search shards ({"shards": []} when there is one bundle). */
  function shardManifest(siteRoot) {
    // offline, the Pagefind loader answers this fetch
    return fetch(new URL("pagefind/almenviden-shards.json", siteRoot).href).then(function (response) {
      return response.ok ? response.json() : null;
    }).catch(function () { return null; });
  }

  var instance = null;
  /** The Pagefind instance, loaded on first use (again after a failure): the primary bundle with every
   * shard merged into it, each with the same options the primary gets. */
  AV.pagefind = function () {
    if (!instance) {
      var loader = root.almenvidenPagefindLoader || defaultLoader;
      var options = { ranking: AV.ranking };
      var loading = Promise.resolve(loader(AV.siteRoot));
      // Asked for at once, not after Pagefind has loaded (offline, the loader's call has set up the answer).
      var manifest = shardManifest(AV.siteRoot);
      instance = loading.then(function (pagefind) {
        return Promise.all([pagefind.options ? pagefind.options(options) : null, manifest])
          .then(function (done) {
            var bundle = new URL("pagefind/", AV.siteRoot).href;
            var paths = pagefind.mergeIndex ? shardPaths(done[1]) : [];
            return Promise.all(paths.map(function (path) {
              return pagefind.mergeIndex(bundle + path, Object.assign({ baseUrl: "/" }, options));
            }));
          })
          .then(function () { return pagefind; });
      });
      instance.catch(function () { instance = null; });
    }
    return instance;
  };

  var wordsLoading = null;
  /** The site's word list (an AV.WordList), or null if it cannot be had (then queries go to Pagefind as typed). */
  AV.words = function () {
    if (!wordsLoading) {
      wordsLoading = AV.pagefind().then(function () {  // offline, the Pagefind loader answers this fetch
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
})(typeof window === "object" ? window : globalThis);
