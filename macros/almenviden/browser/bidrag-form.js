/* The contribution form's fields: a kind's form spec (content/form_spec.py) -> labelled inputs with their help
 * (render), and the inputs -> entry data (collect). Every input's `name` is its field's path in the data:
 * `title`, `provider.name`, `steps[0]`, `examples[1].source.url`; checkbox groups share their field's name.
 * Lists are rows with "Flyt op", "Flyt ned" and "Fjern" buttons and an "Tilføj" button after them; the page
 * (bidrag-page.js) re-renders the form from the collected data after each of those.
 * All text from specs and data goes in through textContent and value, never as HTML.
 */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fieldId(path) {
    return "f-" + path.replace(/[^A-Za-z0-9_-]/g, "-");
  }

  function join(path, key) {
    if (typeof key === "number") return path + "[" + key + "]";
    return path ? path + "." + key : key;
  }

  function exampleText(example) {
    if (example === undefined || example === null) return "";
    if (Array.isArray(example)) return example.join(", ");
    if (typeof example === "object") return "";
    return String(example);
  }

  // The help under a label: the description, the example, and for lists and choices what is required.
  function helpNode(spec, id) {
    var parts = [];
    if (spec.help) parts.push(spec.help);
    var example = exampleText(spec.example);
    if (example) parts.push("Fx: " + example);
    if (!parts.length) return null;
    return el("p", { id: id, class: "av-field-help" }, parts.join(" "));
  }

  function labelText(spec) {
    return spec.label + (spec.required ? "" : " (valgfri)");
  }

  function describe(node, ids) {
    if (ids.length) node.setAttribute("aria-describedby", ids.join(" "));
  }

  function textInput(spec, path, value, ctx) {
    var id = fieldId(path);
    var input;
    if (spec.multiline) {
      input = el("textarea", { id: id, name: path, rows: spec.name === "body" ? 10 : 3 });
    } else {
      var attrs = { id: id, name: path, type: spec.type === "date" ? "date" : "text" };
      if (spec.type === "integer") attrs.inputmode = "numeric";
      if (spec.reference) { attrs.list = "bidrag-ids"; attrs.autocomplete = "off"; attrs.spellcheck = "false"; }
      if (spec.pattern && /https\?/.test(spec.pattern)) { attrs.type = "url"; attrs.inputmode = "url"; }
      input = el("input", attrs);
    }
    if (spec.required) input.setAttribute("aria-required", "true");
    input.value = value === undefined || value === null ? "" : String(value);
    return input;
  }

  function renderScalar(spec, path, value, ctx, label) {
    var id = fieldId(path);
    var box = el("div", { class: "av-field av-field--" + spec.type, "data-path": path });
    var help = helpNode(spec, id + "-help");
    var control;
    if (spec.type === "choice") {
      control = el("select", { id: id, name: path });
      if (spec.required) control.setAttribute("aria-required", "true");
      control.appendChild(el("option", { value: "" }, "Vælg …"));
      spec.options.forEach(function (o) {
        var option = el("option", { value: o.value }, o.label);
        if (o.value === value) option.selected = true;
        control.appendChild(option);
      });
    } else if (spec.type === "flag") {
      control = el("input", { id: id, name: path, type: "checkbox", value: "true" });
      control.checked = value === true;
      box.appendChild(control);
      box.appendChild(el("label", { for: id }, label || spec.label));
      if (help) box.appendChild(help);
      box.appendChild(el("p", { id: id + "-error", class: "av-field-error", hidden: "hidden" }));
      describe(control, help ? [help.id] : []);
      return box;
    } else {
      control = textInput(spec, path, value, ctx);
    }
    box.appendChild(el("label", { for: id }, label || labelText(spec)));
    if (help) box.appendChild(help);
    box.appendChild(control);
    box.appendChild(el("p", { id: id + "-error", class: "av-field-error", hidden: "hidden" }));
    describe(control, help ? [help.id] : []);
    return box;
  }

  function renderChoices(spec, path, value) {
    var id = fieldId(path);
    var selected = Array.isArray(value) ? value : [];
    var box = el("fieldset", { class: "av-field av-field--choices", "data-path": path, id: id,
                               "data-order": JSON.stringify(selected) });
    box.appendChild(el("legend", {}, labelText(spec)));
    var help = helpNode(spec, id + "-help");
    if (help) box.appendChild(help);
    var list = el("div", { class: "av-choices" });
    spec.options.forEach(function (o) {
      var optionId = id + "--" + o.value;
      var wrap = el("div", { class: "av-choice" });
      var input = el("input", { type: "checkbox", id: optionId, name: path, value: o.value });
      input.checked = selected.indexOf(o.value) >= 0;
      wrap.appendChild(input);
      wrap.appendChild(el("label", { for: optionId }, o.label));
      list.appendChild(wrap);
    });
    box.appendChild(list);
    box.appendChild(el("p", { id: id + "-error", class: "av-field-error", hidden: "hidden" }));
    describe(box, help ? [help.id] : []);
    return box;
  }

  function renderGroup(spec, path, value, ctx, legend) {
    var id = fieldId(path);
    var box = el("fieldset", { class: "av-field av-field--object", "data-path": path, id: id });
    box.appendChild(el("legend", {}, legend || labelText(spec)));
    var help = helpNode(spec, id + "-help");
    if (help) box.appendChild(help);
    box.appendChild(el("p", { id: id + "-error", class: "av-field-error", hidden: "hidden" }));
    describe(box, help ? [help.id] : []);
    var data = value && typeof value === "object" ? value : {};
    spec.fields.forEach(function (f) { box.appendChild(renderField(f, join(path, f.name), data[f.name], ctx)); });
    return box;
  }

  function rowButton(text, action, path, index, label) {
    return el("button", { type: "button", class: "av-row-button", "data-action": action, "data-list": path,
                          "data-index": String(index), "aria-label": label }, text);
  }

  function renderList(spec, path, value, ctx) {
    var id = fieldId(path);
    var items = Array.isArray(value) ? value : [];
    var box = el("fieldset", { class: "av-field av-field--list", "data-path": path, id: id });
    box.appendChild(el("legend", {}, labelText(spec)));
    var help = helpNode(spec, id + "-help");
    if (help) box.appendChild(help);
    box.appendChild(el("p", { id: id + "-error", class: "av-field-error", hidden: "hidden" }));
    describe(box, help ? [help.id] : []);
    var itemName = spec.item.label || spec.label;
    var list = el("ol", { class: "av-rows" });
    items.forEach(function (item, i) {
      var rowPath = join(path, i);
      var row = el("li", { class: "av-row", "data-row": rowPath });
      var name = itemName + " " + (i + 1);
      if (spec.item.type === "object") row.appendChild(renderGroup(spec.item, rowPath, item, ctx, name));
      else row.appendChild(renderScalar(Object.assign({}, spec.item, { help: "" }), rowPath, item, ctx, name));
      var buttons = el("div", { class: "av-row-buttons" });
      // the accessible name starts with the visible text (WCAG 2.5.3) and says which row
      if (i > 0) buttons.appendChild(rowButton("Flyt op", "up", path, i, "Flyt op: " + name.toLowerCase()));
      if (i < items.length - 1) {
        buttons.appendChild(rowButton("Flyt ned", "down", path, i, "Flyt ned: " + name.toLowerCase()));
      }
      buttons.appendChild(rowButton("Fjern", "remove", path, i, "Fjern: " + name.toLowerCase()));
      row.appendChild(buttons);
      list.appendChild(row);
    });
    box.appendChild(list);
    box.appendChild(el("button", { type: "button", class: "md-button av-row-add", "data-action": "add",
                                   "data-list": path }, "Tilføj " + itemName.toLowerCase()));
    return box;
  }

  function renderField(spec, path, value, ctx) {
    if (spec.type === "choices") return renderChoices(spec, path, value);
    if (spec.type === "object") return renderGroup(spec, path, value, ctx);
    if (spec.type === "list") return renderList(spec, path, value, ctx);
    return renderScalar(spec, path, value, ctx);
  }

  /* The form's fields for `spec` filled with `data`, into `container` (emptied first). */
  function render(container, spec, data, ctx) {
    while (container.firstChild) container.removeChild(container.firstChild);
    spec.fields.forEach(function (f) { container.appendChild(renderField(f, f.name, data[f.name], ctx || {})); });
  }

  // ---- collecting: inputs -> data -------------------------------------------------------------------------

  function byName(form, path) {
    var found = form.querySelectorAll("[name]");
    var out = [];
    for (var i = 0; i < found.length; i++) if (found[i].getAttribute("name") === path) out.push(found[i]);
    return out;
  }

  function textValue(spec, raw) {
    if (raw.trim() === "") return undefined;
    if (spec.type === "integer") return /^\s*-?\d+\s*$/.test(raw) ? parseInt(raw, 10) : raw;
    if (spec.type === "year_or_text") return /^\d{4}$/.test(raw.trim()) ? parseInt(raw, 10) : raw;
    if (spec.type === "date") return raw.trim();
    return raw;
  }

  function collectField(form, spec, path) {
    if (spec.type === "choices") {
      var boxes = byName(form, path);
      var checked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      var group = form.querySelector('[data-path="' + path + '"]');
      var order = [];
      try { order = JSON.parse(group.getAttribute("data-order") || "[]"); } catch (e) { order = []; }
      var result = order.filter(function (v) { return checked.indexOf(v) >= 0; });
      checked.forEach(function (v) { if (result.indexOf(v) < 0) result.push(v); });
      return result;
    }
    if (spec.type === "object") {
      var obj = {};
      spec.fields.forEach(function (f) {
        var v = collectField(form, f, join(path, f.name));
        if (v !== undefined && !(Array.isArray(v) && v.length === 0 && !f.required)) obj[f.name] = v;
      });
      return Object.keys(obj).length || spec.required ? obj : undefined;
    }
    if (spec.type === "list") {
      var rows = form.querySelectorAll('[data-row^="' + path + '["]');
      var items = [];
      for (var i = 0; i < rows.length; i++) {
        var rowPath = join(path, items.length);
        if (rows[i].getAttribute("data-row") !== rowPath) continue; // a nested list's rows
        var item = collectField(form, Object.assign({}, spec.item, { required: true }), rowPath);
        items.push(item === undefined ? "" : item);
      }
      return items;
    }
    var input = byName(form, path)[0];
    if (!input) return undefined;
    if (spec.type === "flag") return input.checked ? true : undefined;
    if (spec.type === "choice") return input.value === "" ? undefined : input.value;
    return textValue(spec, input.value);
  }

  /* The entry data the form holds, in the spec's order; empty optional fields are left out. */
  function collect(form, spec) {
    var data = {};
    spec.fields.forEach(function (f) {
      var v = collectField(form, f, f.name);
      if (v === undefined) return;
      if (Array.isArray(v) && v.length === 0 && !f.required) return;
      data[f.name] = v;
    });
    return data;
  }

  // Keeps a checkbox group's order of choice (a loaded entry's order survives a round trip).
  function noteChoice(input) {
    var group = input.closest("[data-order]");
    if (!group) return;
    var order = [];
    try { order = JSON.parse(group.getAttribute("data-order") || "[]"); } catch (e) { order = []; }
    order = order.filter(function (v) { return v !== input.value; });
    if (input.checked) order.push(input.value);
    group.setAttribute("data-order", JSON.stringify(order));
  }

  // ---- list edits on data ---------------------------------------------------------------------------------

  function parsePath(path) {
    var parts = [];
    path.replace(/([^.[\]]+)|\[(\d+)\]/g, function (m, name, index) {
      parts.push(index !== undefined ? parseInt(index, 10) : name);
      return m;
    });
    return parts;
  }

  function specAt(spec, parts) {
    var fields = spec.fields, current = null;
    for (var i = 0; i < parts.length; i++) {
      if (typeof parts[i] === "number") { current = current.item; fields = current.fields; continue; }
      current = (fields || []).filter(function (f) { return f.name === parts[i]; })[0];
      if (!current) return null;
      fields = current.fields;
    }
    return current;
  }

  function emptyItem(itemSpec) {
    if (itemSpec.type === "object") return {};
    return "";
  }

  /* `data` with the list at `path` changed: "add", "remove", "up" or "down" of row `index`. Returns the
   * path of the row to focus afterwards. */
  function editList(data, spec, path, action, index) {
    var parts = parsePath(path);
    var holder = data;
    for (var i = 0; i < parts.length - 1; i++) {
      if (holder[parts[i]] === undefined) holder[parts[i]] = typeof parts[i + 1] === "number" ? [] : {};
      holder = holder[parts[i]];
    }
    var last = parts[parts.length - 1];
    var list = Array.isArray(holder[last]) ? holder[last] : (holder[last] = []);
    var listSpec = specAt(spec, parts);
    if (action === "add") { list.push(emptyItem(listSpec.item)); return join(path, list.length - 1); }
    if (action === "remove") { list.splice(index, 1); return list.length ? join(path, Math.min(index, list.length - 1)) : path; }
    var to = action === "up" ? index - 1 : index + 1;
    if (to < 0 || to >= list.length) return join(path, index);
    var moved = list.splice(index, 1)[0];
    list.splice(to, 0, moved);
    return join(path, to);
  }

  var api = { render: render, collect: collect, editList: editList, noteChoice: noteChoice, fieldId: fieldId,
              parsePath: parsePath, specAt: specAt, join: join };
  var root = typeof window === "object" ? window : globalThis;
  root.almenviden = root.almenviden || {};
  root.almenviden.bidragForm = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})();
