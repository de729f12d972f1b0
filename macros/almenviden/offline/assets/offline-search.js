/* almenviden offline copy: Pagefind from file:// (issue 4). A classic script in <head> of every page.
 *
 * Defines window.almenvidenPagefindLoader, the seam through which the search UI (browser/
 * pagefind-loader.js, AV.pagefind) gets its Pagefind instance, before the UI's own scripts run. Offline, it:
 *  1. wraps fetch() so Pagefind's requests for its bundle (pagefind/…) are answered from bytes that
 *     arrive through classic <script> tags: pagefind/<path>.js calls almenvidenOffline.put(path, base64).
 *     Each file is loaded when Pagefind first asks for it (index chunks and fragments stay lazy);
 *  2. loads pagefind/pagefind-offline.js (Pagefind's pagefind.js turned into a classic script at build
 *     time), which hands its exports to almenvidenOffline.module();
 *  3. returns an instance created with noWorker (a worker cannot start from file://) whose result URLs
 *     are absolute file:// URLs of the .html pages.
 * Every other request goes to the browser's own fetch. Nothing here asks any host for anything.
 */
(function () {
  "use strict";
  var root = new URL("../../", document.currentScript.src); // this file is <root>/assets/offline/
  var bundle = new URL("pagefind/", root).href;
  var data = Object.create(null); // path inside pagefind/ -> base64
  var pending = Object.create(null); // path -> Promise of its <script> having run
  var exportsReady = null;
  var loading = null;
  var browserFetch = window.fetch;

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new TypeError("almenviden offline: kunne ikke indlæse " + src)); };
      document.head.appendChild(script);
    });
  }

  function bundlePath(input) {
    var raw = typeof input === "string" ? input : (input && (input.href || input.url)) || "";
    var url;
    try { url = new URL(raw, location.href); } catch (e) { return null; }
    url.search = "";
    url.hash = "";
    return url.href.indexOf(bundle) === 0 ? url.href.slice(bundle.length) : null;
  }

  function decode(b64) {
    var binary = atob(b64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function bundleBytes(path) {
    if (!(path in data)) {
      pending[path] = pending[path] || addScript(bundle + path + ".js");
    }
    return Promise.resolve(pending[path]).then(function () {
      if (!(path in data)) throw new TypeError("almenviden offline: " + path + " mangler i søgeindekset");
      return decode(data[path]);
    });
  }

  function offlineFetch(input, init) {
    var path = bundlePath(input);
    if (path === null) return browserFetch.call(window, input, init);
    return bundleBytes(path).then(function (bytes) {
      var type = /^wasm\..*\.pagefind$/.test(path) ? "application/wasm" : "application/octet-stream";
      return new Response(bytes, { status: 200, headers: { "Content-Type": type } });
    });
  }

  // "/ideer/x.html#a" (Pagefind's URL with baseUrl "/") -> "file:///…/ideer/x.html#a"
  function pageUrl(url) {
    if (typeof url !== "string" || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
    var absolute = new URL(url.replace(/^\/+/, ""), root);
    if (/\/$/.test(absolute.pathname)) absolute.pathname += "index.html";
    return absolute.href;
  }

  function withPageUrls(fragment) {
    if (!fragment) return fragment;
    fragment.url = pageUrl(fragment.url);
    (fragment.sub_results || []).forEach(function (sub) { sub.url = pageUrl(sub.url); });
    if (fragment.meta && fragment.meta.image) fragment.meta.image = pageUrl(fragment.meta.image);
    return fragment;
  }

  function withResultUrls(response) {
    if (!response || !Array.isArray(response.results)) return response;
    response.results.forEach(function (result) {
      var data = result.data;
      result.data = function () { return Promise.resolve(data.apply(result, arguments)).then(withPageUrls); };
    });
    return response;
  }

  function offlineApi(instance) {
    return {
      options: function (opts) {
        var own = Object.assign({}, opts || {});
        delete own.baseUrl; delete own.basePath; delete own.noWorker; // offline: ours
        return instance.options(own);
      },
      init: function () { return instance.init(); },
      mergeIndex: function (path, opts) { return instance.mergeIndex(path, opts); },
      search: function (term, opts) { return instance.search(term, opts).then(withResultUrls); },
      debouncedSearch: function (term, opts, ms) {
        return instance.debouncedSearch(term, opts, ms).then(withResultUrls);
      },
      preload: function (term, opts) { return instance.preload(term, opts); },
      filters: function () { return instance.filters(); },
      destroy: function () { return instance.destroy(); },
      offline: true
    };
  }

  window.almenvidenOffline = {
    pagefindUrl: bundle + "pagefind.js", // Pagefind derives its base path from a URL ending in pagefind.js
    put: function (path, b64) { data[path] = b64; },
    module: function (exported) { exportsReady = exported; }
  };

  window.almenvidenPagefindLoader = function () {
    if (!loading) {
      window.fetch = offlineFetch;
      loading = addScript(bundle + "pagefind-offline.js").then(function () {
        if (!exportsReady) throw new Error("almenviden offline: pagefind-offline.js gav ingen Pagefind");
        var instance = exportsReady.createInstance({ basePath: bundle, baseUrl: "/", noWorker: true });
        return Promise.resolve(instance.init()).then(function () { return offlineApi(instance); });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  };
})();
