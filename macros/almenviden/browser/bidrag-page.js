/* The contribution form's page (/bidrag/): wires the modules together.
 *
 * #bidrag-spec (render/bidrag.py) -> choose the kind -> its form (bidrag-form.js) with today's dates, or a
 * draft (bidrag-draft.js), or an entry handed over by "Ret i formularen" (?ret=<id>) -> on "Vis filen":
 * validate (bidrag-validate.js, plus the id) -> errors at the fields and in a summary, or the YAML
 * (bidrag-yaml.js) with Kopiér, Hent filen and the GitHub link (bidrag-github.js).
 */
(function () {
  "use strict";
  var AV = window.almenviden || {};

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDate(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function inAYear(d) {
    var next = new Date(d.getFullYear() + 1, d.getMonth(), d.getDate());
    if (next.getMonth() !== d.getMonth()) next = new Date(d.getFullYear() + 1, d.getMonth(), 28); // 29 February
    return next;
  }

  function newData() {
    var today = new Date();
    return { created: isoDate(today), updated: isoDate(today), review_by: isoDate(inAYear(today)) };
  }

  function start() {
    var specBlock = document.getElementById("bidrag-spec");
    var form = document.getElementById("bidrag-form");
    if (!specBlock || !form || !AV.bidragForm) return;
    var config = JSON.parse(specBlock.textContent);
    var fields = document.getElementById("bidrag-fields");
    var status = document.getElementById("bidrag-status");
    var summary = document.getElementById("bidrag-errors");
    var result = document.getElementById("bidrag-result");
    var yamlBox = document.getElementById("bidrag-yaml");
    var github = document.getElementById("bidrag-github");
    var githubNote = document.getElementById("bidrag-github-note");
    var filename = document.getElementById("bidrag-filename");
    var idNote = document.getElementById("bidrag-id-note");
    var drafts = AV.bidragDraft.draftStore();
    var contribute = AV.bidragGithub.validConfig(config.contribute) ? config.contribute : null;
    var state = { kind: null, data: newData(), editing: null };
    var currentYaml = "";

    // Existing ids for the reference fields' suggestions.
    var datalist = document.createElement("datalist");
    datalist.id = "bidrag-ids";
    Object.keys(config.ids).sort().forEach(function (id) {
      var option = document.createElement("option");
      option.value = id;
      datalist.appendChild(option);
    });
    form.appendChild(datalist);

    function say(text) { status.textContent = text; }

    function entryId() {
      return state.editing || AV.bidragSlug.slugify(typeof state.data.title === "string" ? state.data.title : "");
    }

    function showId() {
      var id = entryId();
      filename.textContent = state.kind && id ? "catalogue/" + state.kind + "/" + id + ".yaml" : "–";
      idNote.textContent = state.editing ? "Du retter posten ‘" + state.editing + "’; filnavnet bliver det samme."
        : id && Object.prototype.hasOwnProperty.call(config.ids, id)
          ? "Der findes allerede en post med id’et ‘" + id + "’. Vælg en anden titel."
          : "Filnavnet laves af titlen (æ → ae, ø → oe, å → aa).";
    }

    function save() {
      var ok = drafts.save({ kind: state.kind, data: state.data, editing: state.editing });
      if (!ok) say("Din browser gemmer ikke kladden (fx i privat browsing). Hent filen, før du lukker siden.");
    }

    function hideResult() {
      result.hidden = true;
      yamlBox.textContent = "";
      currentYaml = "";
    }

    function renderForm(focusPath) {
      var spec = config.specs[state.kind];
      AV.bidragForm.render(fields, spec, state.data, { ids: config.ids });
      showId();
      if (focusPath) {
        var target = fields.querySelector('[data-row="' + focusPath + '"] input, [data-row="' + focusPath +
          '"] textarea, [data-row="' + focusPath + '"] select') || fields.querySelector('[data-path="' + focusPath +
          '"] .av-row-add') || document.getElementById(AV.bidragForm.fieldId(focusPath));
        if (target) target.focus();
      }
    }

    function chooseKind(kind) {
      state.kind = kind;
      var radios = form.querySelectorAll('input[name="bidrag-kind"]');
      for (var i = 0; i < radios.length; i++) {
        radios[i].checked = radios[i].value === kind;
        radios[i].disabled = !!state.editing && radios[i].value !== kind;
      }
      renderForm();
    }

    function clearErrors() {
      while (summary.firstChild) summary.removeChild(summary.firstChild);
      var shown = fields.querySelectorAll(".av-field-error");
      for (var i = 0; i < shown.length; i++) { shown[i].textContent = ""; shown[i].hidden = true; }
      var invalid = form.querySelectorAll("[aria-invalid]");
      for (var j = 0; j < invalid.length; j++) {
        invalid[j].removeAttribute("aria-invalid");
        var ids = (invalid[j].getAttribute("aria-describedby") || "").split(" ").filter(function (x) {
          return x && !/-error$/.test(x);
        });
        if (ids.length) invalid[j].setAttribute("aria-describedby", ids.join(" ")); else invalid[j].removeAttribute("aria-describedby");
      }
    }

    // The nearest field box for a path: "steps[2].why", else "steps[2]", else "steps".
    function boxFor(path) {
      var p = path;
      for (;;) {
        var box = fields.querySelector('[data-path="' + p + '"]');
        if (box) return box;
        var shorter = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
        if (shorter === p || !shorter) break;
        p = shorter;
      }
      return fields.querySelector(".av-field");
    }

    function labelFor(box) {
      var label = box.querySelector(":scope > label, :scope > legend");
      return label ? label.textContent.replace(/ \(valgfri\)$/, "") : "";
    }

    function showErrors(errors) {
      clearErrors();
      var heading = document.createElement("h2");
      heading.textContent = errors.length === 1 ? "Ret 1 fejl, før filen kan laves" : "Ret " + errors.length + " fejl, før filen kan laves";
      summary.appendChild(heading);
      var list = document.createElement("ul");
      errors = errors.map(function (e) { return { error: e, box: boxFor(e.path) }; });
      errors.sort(function (a, b) { // in the form's order
        return a.box === b.box ? 0 : a.box.compareDocumentPosition(b.box) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      });
      errors.forEach(function (found) {
        var error = found.error;
        var box = found.box;
        var message = box.querySelector(":scope > .av-field-error");
        message.textContent = message.textContent ? message.textContent + " " + error.message : error.message;
        message.hidden = false;
        var control = box.matches("fieldset") ? box : box.querySelector("input, select, textarea");
        control.setAttribute("aria-invalid", "true");
        var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (described.indexOf(message.id) < 0) described.push(message.id);
        control.setAttribute("aria-describedby", described.join(" "));
        var item = document.createElement("li");
        var link = document.createElement("a");
        var target = box.matches("fieldset") ? (box.querySelector("input, select, textarea, button") || box) : control;
        link.href = "#" + (target.id || box.id);
        link.textContent = labelFor(box) + ": " + error.message;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          target.focus();
        });
        item.appendChild(link);
        list.appendChild(item);
      });
      summary.appendChild(list);
      summary.focus();
    }

    function problems() {
      var errors = AV.bidragValidate.validate(config.schemas[state.kind], state.data, { ids: config.ids });
      var id = entryId();
      if (!state.editing && typeof state.data.title === "string" && state.data.title.trim() !== "") {
        if (!id) errors.unshift({ path: "title", message: "Titlen skal have mindst ét bogstav eller tal (a–z, 0–9), så filen kan få et navn." });
        else if (Object.prototype.hasOwnProperty.call(config.ids, id)) {
          errors.unshift({ path: "title", message: "Der findes allerede en post med id’et ‘" + id + "’. Vælg en anden titel, eller ret den eksisterende post." });
        }
      }
      return errors;
    }

    function showYaml() {
      var spec = config.specs[state.kind];
      var id = entryId();
      currentYaml = AV.bidragYaml.toYaml(state.data, spec);
      yamlBox.textContent = currentYaml;
      result.hidden = false;
      github.hidden = true;
      githubNote.textContent = "";
      if (!contribute) {
        githubNote.textContent = "Hent filen, og læg den i mappen catalogue/" + state.kind + "/ i projektets repository.";
      } else if (state.editing) {
        github.href = AV.bidragGithub.editUrl(contribute, state.kind, id);
        github.textContent = "Åbn filen på GitHub, og sæt teksten ind";
        github.hidden = false;
        githubNote.textContent = "GitHubs redigeringsside kan ikke udfyldes på forhånd: tryk Kopiér, markér al teksten i filen på GitHub, og sæt den nye tekst ind.";
      } else {
        var link = AV.bidragGithub.newFileUrl(contribute, state.kind, id, currentYaml);
        github.hidden = false;
        if (link.tooLong) {
          github.href = AV.bidragGithub.newFileUrl(contribute, state.kind, id, "").url;
          github.textContent = "Opret filen på GitHub (filen er for lang til linket: sæt teksten ind selv)";
          githubNote.textContent = "Filen er for lang til at blive sendt med linket (over " +
            AV.bidragGithub.URL_LIMIT.toLocaleString("da-DK") + " tegn). Tryk Hent filen eller Kopiér, og sæt teksten ind på GitHubs side.";
        } else {
          github.href = link.url;
          github.textContent = "Opret filen på GitHub";
        }
      }
      say("Filen er klar.");
      yamlBox.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!state.kind) { say("Vælg først, hvad du vil bidrage med."); return; }
      state.data = AV.bidragForm.collect(form, config.specs[state.kind]);
      save();
      var errors = problems();
      if (errors.length) { hideResult(); showErrors(errors); say(""); return; }
      clearErrors();
      showYaml();
    });

    function changed(event) {
      var target = event.target;
      if (target.name === "bidrag-kind") {
        state.data = state.kind ? AV.bidragForm.collect(form, config.specs[state.kind]) : state.data;
        chooseKind(target.value);
        save();
        hideResult();
        return;
      }
      if (!state.kind) return;
      if (target.type === "checkbox") AV.bidragForm.noteChoice(target);
      state.data = AV.bidragForm.collect(form, config.specs[state.kind]);
      showId();
      save();
      if (!result.hidden) hideResult();
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);

    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var spec = config.specs[state.kind];
      state.data = AV.bidragForm.collect(form, spec);
      var index = parseInt(button.getAttribute("data-index") || "0", 10);
      var action = button.getAttribute("data-action");
      var focus = AV.bidragForm.editList(state.data, spec, button.getAttribute("data-list"), action, index);
      renderForm(focus);
      if (action !== "add" && action !== "remove") {
        var row = fields.querySelector('[data-row="' + focus + '"] button[data-action="' + action + '"]');
        if (row) row.focus();
      }
      say(action === "add" ? "Ny række tilføjet." : action === "remove" ? "Rækken er fjernet." : "Rækken er flyttet.");
      save();
      hideResult();
    });

    document.getElementById("bidrag-reset").addEventListener("click", function () {
      if (!window.confirm("Vil du slette alt, hvad du har skrevet i formularen, og starte forfra?")) return;
      drafts.clear();
      state = { kind: null, data: newData(), editing: null };
      var radios = form.querySelectorAll('input[name="bidrag-kind"]');
      for (var i = 0; i < radios.length; i++) { radios[i].checked = false; radios[i].disabled = false; }
      while (fields.firstChild) fields.removeChild(fields.firstChild);
      document.getElementById("bidrag-edit-note").hidden = true;
      clearErrors();
      hideResult();
      showId();
      if (window.location.search) window.history.replaceState(null, "", window.location.pathname);
      say("Formularen er tømt.");
    });

    document.getElementById("bidrag-copy").addEventListener("click", function () {
      function fallback() {
        var range = document.createRange();
        range.selectNodeContents(yamlBox);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        say(ok ? "Teksten er kopieret." : "Teksten er markeret: tryk Ctrl+C (på Mac Cmd+C) for at kopiere den.");
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(currentYaml).then(function () { say("Teksten er kopieret."); }, fallback);
      } else fallback();
    });

    document.getElementById("bidrag-download").addEventListener("click", function () {
      var blob = new Blob([currentYaml], { type: "text/yaml;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = entryId() + ".yaml";
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 0);
      say("Filen " + entryId() + ".yaml er hentet.");
    });

    // Where the form starts: an entry handed over by "Ret i formularen", a draft, or a blank form.
    var wanted = new URLSearchParams(window.location.search).get("ret");
    var draft = drafts.load();
    if (wanted) {
      var handed = AV.bidragDraft.editStore().load();
      if (handed && handed.id === wanted && config.specs[handed.kind]) {
        state = { kind: handed.kind, data: handed.data, editing: handed.id };
        save();
      } else if (draft && draft.editing === wanted && config.specs[draft.kind]) {
        state = { kind: draft.kind, data: draft.data || {}, editing: draft.editing };
      } else {
        say("Postens indhold blev ikke fundet. Åbn postens side, og tryk på Ret i formularen der.");
      }
    } else if (draft && config.specs[draft.kind]) {
      state = { kind: draft.kind, data: draft.data || newData(), editing: draft.editing || null };
      say("Din kladde er hentet frem. Tryk Start forfra for en tom formular.");
    }
    if (state.editing) {
      document.getElementById("bidrag-edit-note").hidden = false;
      var editLink = document.getElementById("bidrag-edit-link");
      if (contribute) editLink.href = AV.bidragGithub.editUrl(contribute, state.kind, state.editing);
      else editLink.parentNode.hidden = true;
    }
    form.hidden = false;
    document.getElementById("bidrag-nojs").hidden = true;
    if (state.kind) chooseKind(state.kind); else showId();
  }

  // The form's whole way from data to file, without the page's state: an entry's data rendered into a form
  // that is not shown, collected back, validated and written. The browser tests run it for every entry.
  AV.bidragPage = {
    roundTrip: function (kind, data) {
      var config = JSON.parse(document.getElementById("bidrag-spec").textContent);
      var form = document.createElement("form");
      AV.bidragForm.render(form, config.specs[kind], data, { ids: config.ids });
      var back = AV.bidragForm.collect(form, config.specs[kind]);
      return { yaml: AV.bidragYaml.toYaml(back, config.specs[kind]),
               errors: AV.bidragValidate.validate(config.schemas[kind], back, { ids: config.ids }) };
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
