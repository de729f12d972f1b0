/* The contribution form's validator: entry data against its kind's JSON Schema (catalogue/schema/), with a
 * Danish message for each problem at the path of the form field it belongs to ("steps[0].entry").
 *
 * Written by hand, for exactly the part of JSON Schema 2020-12 the schemas use (type, properties, required,
 * additionalProperties: false, items, minItems, uniqueItems, enum, const, minLength, maxLength, pattern,
 * format: date, minimum, maximum, oneOf/anyOf of required alternatives), because the site must work offline
 * without npm at build time and under a Content-Security-Policy without 'unsafe-eval': ajv, the well-kept
 * validator, compiles each schema with new Function. Instead the tests check this validator against ajv
 * (installed from npm at test time) on many generated valid and invalid documents (tests/test_bidrag_js.py).
 * Beyond the schema, a string whose pattern is the id pattern names another entry: it must exist (ctx.ids).
 */
(function () {
  "use strict";

  var ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";

  function codePoints(text) {
    return Array.from(text).length;
  }

  function typeOf(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
  }

  function typeMatches(types, value) {
    var actual = typeOf(value);
    return types.some(function (t) { return t === actual || (t === "number" && actual === "integer"); });
  }

  function validDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    var y = +m[1], mo = +m[2], d = +m[3];
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
  }

  var TYPE_WORDS = { string: "tekst", integer: "et helt tal", array: "en liste", object: "en gruppe af felter",
                     boolean: "ja eller nej" };

  function join(path, key) {
    if (typeof key === "number") return path + "[" + key + "]";
    return path ? path + "." + key : key;
  }

  function evidenceMessage(alternatives, value) {
    var present = alternatives.filter(function (alt) { return alt.every(function (k) { return k in value; }); });
    var names = alternatives.map(function (alt) { return alt.join(" og "); });
    if (alternatives.length === 2 && alternatives[0][0] === "source" && alternatives[1][0] === "illustrative") {
      return present.length ? "Et eksempel kan ikke både have en kilde og være tænkt: fjern kilden eller fluebenet ved ‘tænkt’."
        : "Giv eksemplet en kilde (titel og webadresse), eller markér det som tænkt.";
    }
    return present.length > 1 ? "Udfyld kun ét af felterne " + names.join(", ") + "."
      : "Udfyld et af felterne " + names.join(" eller ") + ".";
  }

  function check(schema, value, path, ctx, errors) {
    var start = errors.length;
    if (schema.type !== undefined) {
      var types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!typeMatches(types, value)) {
        errors.push({ path: path, message: types.length === 1 ? "Skal være " + TYPE_WORDS[types[0]] + "."
          : "Skriv et årstal eller en kort tekst." });
        return false;
      }
    }
    if (schema.const !== undefined && value !== schema.const) {
      errors.push({ path: path, message: "Feltet kan kun have værdien " + JSON.stringify(schema.const) + "." });
    }
    if (schema.enum && schema.enum.indexOf(value) < 0) {
      errors.push({ path: path, message: "Vælg en af de mulige værdier." });
    }
    if (typeof value === "string") {
      var n = codePoints(value);
      if (schema.minLength !== undefined && n < schema.minLength) {
        errors.push({ path: path, message: schema.minLength === 1 ? "Udfyld feltet." : "Mindst " + schema.minLength + " tegn." });
      } else if (schema.maxLength !== undefined && n > schema.maxLength) {
        errors.push({ path: path, message: "Højst " + schema.maxLength + " tegn (nu " + n + ")." });
      }
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
        errors.push({ path: path, message: schema.pattern === ID_PATTERN
          ? "Skriv et id: små bogstaver a–z, tal og bindestreger, fx faelles-kompost."
          : /https\?/.test(schema.pattern) ? "Skriv en webadresse, der starter med https:// (eller mailto:)."
          : "Har ikke den rigtige form." });
      } else if (schema.pattern === ID_PATTERN && ctx.ids && !Object.prototype.hasOwnProperty.call(ctx.ids, value)) {
        errors.push({ path: path, message: "Der findes ingen post med id ‘" + value + "’. Tjek stavningen." });
      }
      if (schema.format === "date" && !validDate(value)) {
        errors.push({ path: path, message: "Skriv en dato som ÅÅÅÅ-MM-DD, fx 2025-03-01." });
      }
    }
    if (typeof value === "number") {
      if (schema.minimum !== undefined && value < schema.minimum) {
        errors.push({ path: path, message: "Skal være mindst " + schema.minimum + "." });
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        errors.push({ path: path, message: "Må højst være " + schema.maximum + "." });
      }
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        errors.push({ path: path, message: schema.items && schema.items.enum ? "Vælg mindst én." : "Tilføj mindst én." });
      }
      if (schema.uniqueItems) {
        var seen = {};
        value.forEach(function (item, i) {
          var k = JSON.stringify(item);
          if (seen[k]) errors.push({ path: join(path, i), message: "Står der allerede: samme værdi to gange." });
          seen[k] = true;
        });
      }
      if (schema.items) value.forEach(function (item, i) { check(schema.items, item, join(path, i), ctx, errors); });
    }
    if (value && typeof value === "object" && !Array.isArray(value)) {
      var props = schema.properties || {};
      (schema.required || []).forEach(function (k) {
        if (!(k in value)) errors.push({ path: join(path, k), message: "Udfyld feltet." });
      });
      Object.keys(value).forEach(function (k) {
        if (props[k]) check(props[k], value[k], join(path, k), ctx, errors);
        else if (schema.additionalProperties === false) {
          errors.push({ path: join(path, k), message: "Feltet ‘" + k + "’ kendes ikke." });
        }
      });
      ["oneOf", "anyOf"].forEach(function (rule) {
        if (!schema[rule]) return;
        var passing = schema[rule].filter(function (sub) { return check(sub, value, path, {}, []); }).length;
        if (rule === "oneOf" ? passing !== 1 : passing < 1) {
          var alts = schema[rule].map(function (sub) { return sub.required || []; });
          errors.push({ path: path, message: evidenceMessage(alts, value) });
        }
      });
    }
    return errors.length === start;
  }

  /* [{path, message}] for `data` against `schema`; ctx.ids (id -> anything): the ids that exist. */
  function validate(schema, data, ctx) {
    var errors = [];
    check(schema, data, "", ctx || {}, errors);
    return errors;
  }

  var api = { validate: validate, validDate: validDate, ID_PATTERN: ID_PATTERN };
  var root = typeof window === "object" ? window : globalThis;
  root.almenviden = root.almenviden || {};
  root.almenviden.bidragValidate = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})();
