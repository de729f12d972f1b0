/* almenviden browser code: where the site is (AV.siteRoot) and the links made from it: a result's page
 * (AV.resultUrl), the search page (AV.searchPage); whether the online build was opened from disk
 * (AV.fromDisk, AV.failText).
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  // This file is <site>/assets/almenviden/site.js.
  if (typeof document === "object" && document.currentScript) AV.siteRoot = new URL("../../", document.currentScript.src);

  /** Link to a result: Pagefind's URLs are site-absolute ("/ideer/x/"); the site may live in a subfolder or on disk. */
  AV.resultUrl = function (url, siteRoot) {
    return new URL(String(url).replace(/^\/+/, ""), siteRoot || AV.siteRoot).href;
  };

  /** Where the catalogue with all filters lives (the header form's target). */
  AV.searchPage = function () {
    var form = document.querySelector(".av-search__form");
    return form ? form.getAttribute("action") : new URL("soeg/", AV.siteRoot).href;
  };

  /** Why search failed, in Danish: from disk the online build cannot search at all, so reloading will not help. */
  AV.fromDisk = function () { return window.location.protocol === "file:" && !window.almenvidenPagefindLoader; };
  AV.failText = function () { return AV.fromDisk() ? AV.t.fromDisk : AV.t.error; };

  if (typeof module === "object" && module.exports) module.exports = { resultUrl: AV.resultUrl };
})(typeof window === "object" ? window : globalThis);
