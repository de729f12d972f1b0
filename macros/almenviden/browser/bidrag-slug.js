/* Ids from titles in the browser, by the rule of danish/slugs.py (the two are tested against each other):
 * lower case, æ→ae, ø→oe, å→aa (and a few letters NFKD cannot take apart), accents dropped, anything else
 * that is not a-z or 0-9 becomes one hyphen, at most 60 characters cut at a hyphen. */
(function () {
  "use strict";

  var MAX_SLUG = 60;
  var SPELLED_OUT = { "æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "œ": "oe", "þ": "th", "ð": "d", "ł": "l",
                      "đ": "d", "ı": "i" };

  function slugify(text, maxLength) {
    var max = maxLength === undefined ? MAX_SLUG : maxLength;
    var lower = String(text).toLowerCase().replace(/[æøåßœþðłđı]/g, function (c) { return SPELLED_OUT[c]; });
    // NFKD, then every character outside ASCII goes (as Python's encode("ascii", "ignore") drops it).
    // eslint-disable-next-line no-control-regex -- the range of ASCII, control characters included, on purpose
    var ascii = lower.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    var slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (slug.length > max) { // cut at a word boundary when there is one
      var cut = slug.slice(0, max + 1).lastIndexOf("-");
      slug = slug.slice(0, cut > 0 ? cut : max).replace(/^-+|-+$/g, "");
    }
    return slug;
  }

  var api = { slugify: slugify, MAX_SLUG: MAX_SLUG };
  var root = typeof window === "object" ? window : globalThis;
  root.almenviden = root.almenviden || {};
  root.almenviden.bidragSlug = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})();
