/* almenviden browser code: query text as Pagefind compares it (AV.fold, AV.loose, AV.queryWords) and the
 * index's spelling variants stripped from text shown to the reader (AV.cleanText). No DOM.
 * The variants themselves are added at build time by danish/fold.py ("økonomi^oekonomi^okonomi").
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});

  /** A word as Pagefind compares it: lower case, accents folded (å -> a), æ and ø kept. */
  AV.fold = function (word) {
    return String(word).toLocaleLowerCase("da").replace(/å/g, "a").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]/gu, "");
  };

  /** A looser form for the synonym list, so "haervaerk" and "harvark" find "hærværk". */
  AV.loose = function (word) {
    return AV.fold(word).replace(/ae|æ/g, "a").replace(/oe|ø/g, "o").replace(/aa/g, "a");
  };

  /** The words of a query, folded; punctuation and quotes separate words. */
  AV.queryWords = function (q) {
    return String(q).split(/[\s,.;:!?()"«»]+/).map(AV.fold).filter(Boolean);
  };

  /** Strip the alternative spellings the index carries ("økonomi^oekonomi^okonomi" -> "økonomi"). */
  AV.cleanText = function (text) {
    return String(text == null ? "" : text).replace(/\^[\p{L}\p{N}]+/gu, "");
  };

  if (typeof module === "object" && module.exports) {
    module.exports = { fold: AV.fold, loose: AV.loose, queryWords: AV.queryWords, cleanText: AV.cleanText };
  }
})(typeof window === "object" ? window : globalThis);
