/* The contribution form's YAML writer (/bidrag/): entry data -> the text of catalogue/<kind>/<id>.yaml.
 *
 * The layout is what `almenviden new` writes: the yaml-language-server line, then every field in the form
 * spec's (the schema's) order, a blank line between fields; taxonomy values as flow lists ([a, b]); lists of
 * texts and of objects as block lists; text with line breaks as a literal block (|). Every scalar is written
 * so that it can only be read back as the same data: plain only when it is plainly a word-like string that
 * no YAML 1.1 or 1.2 reader takes for anything else, otherwise double-quoted with escapes. No anchors, tags,
 * aliases, or directives can come out of this writer, whatever the text holds.
 */
(function () {
  "use strict";

  // Characters a YAML reader treats as line breaks or refuses: always written as escapes in "…".
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  var NEEDS_ESCAPE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
  // Words YAML 1.1 (PyYAML) or 1.2 read as booleans or null.
  var RESERVED = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;
  // A plain scalar: starts with a letter, no tab or line break, no ': ', ' #' or trailing ':' (where a
  // reader would see a key or a comment), no leading or trailing space, nothing that needs an escape.
  var PLAIN = /^[\p{L}][^\t\n\r]*$/u;
  var PLAIN_BREAKERS = /: |:$| #/;
  var FLOW_PLAIN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function hex(code, width) {
    var s = code.toString(16).toUpperCase();
    while (s.length < width) s = "0" + s;
    return s;
  }

  function doubleQuoted(text) {
    var out = '"';
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      var code = text.charCodeAt(i);
      if (c === "\\") out += "\\\\";
      else if (c === '"') out += '\\"';
      else if (c === "\n") out += "\\n";
      else if (c === "\t") out += "\\t";
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length &&
               text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
        out += c + text.charAt(i + 1); // a whole astral character, written as itself
        i++;
      } else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ||
                 code === 0xfeff || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) {
        out += "\\u" + hex(code, 4);
      } else out += c;
    }
    return out + '"';
  }

  function isPlain(text) {
    return PLAIN.test(text) && !PLAIN_BREAKERS.test(text) && text === text.trim() && !RESERVED.test(text) &&
      !NEEDS_ESCAPE.test(text);
  }

  // A literal block (|) keeps line breaks readable; only for text whose every character a reader keeps.
  function canBeLiteral(text) {
    return text.indexOf("\n") >= 0 && !NEEDS_ESCAPE.test(text) && text.indexOf("\r") < 0 &&
      /^[^\s]/.test(text) && !/\n\n+$/.test(text) && !/[ \t]\n|[ \t]$|\t/.test(text) && text.trim() !== "";
  }

  function literal(text, indent) {
    var chomp = /\n$/.test(text) ? "" : "-";
    var body = text.replace(/\n$/, "").split("\n").map(function (line) {
      return line === "" ? "" : indent + line;
    }).join("\n");
    return "|" + chomp + "\n" + body;
  }

  // A string after "key: " or "- " at this indent (the indent its continuation lines get).
  function scalar(text, indent, isDate) {
    if (isDate && DATE.test(text)) return text;
    if (canBeLiteral(text)) return literal(text, indent);
    return isPlain(text) ? text : doubleQuoted(text);
  }

  function flowItem(text) {
    return FLOW_PLAIN.test(text) && !RESERVED.test(text) ? text : doubleQuoted(text);
  }

  function value(v, spec, indent) {
    // -> the text after "key:" (starting with " " or "\n"), for a value at `indent` (its key's indent)
    var inner = indent + "  ";
    if (typeof v === "boolean") return " " + (v ? "true" : "false");
    if (typeof v === "number") return " " + String(v);
    if (typeof v === "string") return " " + scalar(v, inner, spec && spec.type === "date");
    if (Array.isArray(v)) {
      if (v.length === 0) return " []";
      if (spec && (spec.type === "choices" || (spec.item && spec.item.reference)) &&
          v.every(function (x) { return typeof x === "string"; })) {
        return " [" + v.map(flowItem).join(", ") + "]";
      }
      var item = spec && spec.item;
      return "\n" + v.map(function (x) { return inner + "-" + listItem(x, item, inner); }).join("\n");
    }
    if (v && typeof v === "object") return "\n" + mapping(v, spec && spec.fields, inner);
    return ' ""';
  }

  function listItem(x, spec, indent) {
    // after "- " the item's own indent is indent + 2
    if (x && typeof x === "object" && !Array.isArray(x)) {
      var text = mapping(x, spec && spec.fields, indent + "  ");
      return " " + text.slice(indent.length + 2);
    }
    return value(x, spec, indent);
  }

  function fieldSpec(fields, name) {
    for (var i = 0; fields && i < fields.length; i++) if (fields[i].name === name) return fields[i];
    return null;
  }

  function orderedKeys(obj, fields) {
    var keys = (fields || []).map(function (f) { return f.name; }).filter(function (k) {
      return Object.prototype.hasOwnProperty.call(obj, k);
    });
    Object.keys(obj).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
    return keys;
  }

  function key(name) {
    return /^[a-z_][a-z0-9_]*$/.test(name) ? name : doubleQuoted(name);
  }

  function mapping(obj, fields, indent) {
    return orderedKeys(obj, fields).map(function (k) {
      return indent + key(k) + ":" + value(obj[k], fieldSpec(fields, k), indent);
    }).join("\n");
  }

  /* The file's text: data (field -> value) of the kind described by `spec` (content/form_spec.py). */
  function toYaml(data, spec) {
    var fields = spec.fields || [];
    var head = "# yaml-language-server: $schema=../schema/" + spec.kind + ".schema.json\n";
    return head + orderedKeys(data, fields).map(function (k) {
      return "\n" + key(k) + ":" + value(data[k], fieldSpec(fields, k), "") + "\n";
    }).join("");
  }

  var api = { toYaml: toYaml, doubleQuoted: doubleQuoted, isPlain: isPlain };
  var root = typeof window === "object" ? window : globalThis;
  root.almenviden = root.almenviden || {};
  root.almenviden.bidragYaml = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})();
