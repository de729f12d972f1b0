/* The "følg eller forklar" sheet (/anbefalinger/foelg-eller-forklar/, rendered by render/comply_sheet.py):
 * keeps the answers as the reader types, restores them, counts them, asks for an explanation where the board
 * does not follow a recommendation fully, prints the board's report, saves and loads the answers as a file.
 * Uses the sheet's other modules (format, store, match, report), loaded before it. Nothing leaves the browser.
 */
(function (root) {
  "use strict";

  if (typeof document === "undefined") return;
  var FEF = root.almenviden && root.almenviden.foelgEllerForklar;
  var sheet = document.querySelector("[data-av-foe]");
  if (!FEF || !sheet) return;
  var format = FEF.format;
  var TYPING_DELAY = 400;  // ms of quiet before typed text is stored (it is also stored when the page is left)

  var $ = function (selector) { return sheet.querySelector(selector); };
  var ui = {
    organisation: $("[data-av-foe-organisation]"), date: $("[data-av-foe-date]"),
    progress: $("[data-av-foe-progress]"), alert: $("[data-av-foe-alert]"), status: $("[data-av-foe-status]"),
    orphans: $("[data-av-foe-orphans]"), report: $("[data-av-foe-report]"), file: $("[data-av-foe-file]")
  };

  // The recommendations on the page, in order.
  var items = Array.prototype.map.call(sheet.querySelectorAll("[data-av-foe-key]"), function (fieldset) {
    var section = fieldset.closest("section");
    return {
      key: fieldset.getAttribute("data-av-foe-key"), hash: fieldset.getAttribute("data-av-foe-hash"),
      entry: fieldset.getAttribute("data-av-foe-entry"),
      entryTitle: section ? section.querySelector("h2").textContent.trim() : "",
      number: Number(fieldset.getAttribute("data-av-foe-key").split("/").pop()),
      text: fieldset.querySelector("[data-av-foe-text]").textContent.trim(),
      fieldset: fieldset, radios: fieldset.querySelectorAll("input[type=radio]"),
      why: fieldset.querySelector("[data-av-foe-why]"), hint: fieldset.querySelector("[data-av-foe-hint]"),
      changedNote: fieldset.querySelector("[data-av-foe-changed]")
    };
  });
  var byKey = {};
  items.forEach(function (item) { byKey[item.key] = item; });

  var store = FEF.store.createStore(FEF.store.browserStorage());
  var state = format.emptyState();
  var changed = {};  // keys whose answer was given against an earlier text
  var orphans = {};  // answers whose recommendation is no longer on the sheet
  var timer = null;

  // ------------------------------------------------------------------ state → page

  function answerOf(key) { return state.answers[key] || { choice: "", explanation: "", hash: byKey[key].hash }; }

  function showItem(item) {
    var answer = answerOf(item.key);
    Array.prototype.forEach.call(item.radios, function (radio) { radio.checked = radio.value === answer.choice; });
    if (item.why.value !== answer.explanation) item.why.value = answer.explanation;
    showAsk(item);
    item.changedNote.hidden = !changed[item.key];
    item.fieldset.classList.toggle("av-foe__rec--changed", Boolean(changed[item.key]));
  }

  /* The hint asking for an explanation, and the textarea's description, follow the choice. */
  function showAsk(item) {
    var answer = answerOf(item.key);
    var ask = format.needsExplanation(answer);
    item.hint.hidden = !ask;
    item.fieldset.classList.toggle("av-foe__rec--ask", ask && !answer.explanation.trim());
    var described = [];
    if (ask) described.push(item.hint.id);
    if (changed[item.key]) described.push(item.changedNote.id);
    if (described.length) item.why.setAttribute("aria-describedby", described.join(" "));
    else item.why.removeAttribute("aria-describedby");
  }

  function showProgress() {
    var answered = items.filter(function (item) { return format.isAnswered(state.answers[item.key]); }).length;
    var text = answered + " af " + items.length + " besvaret";
    if (ui.progress.textContent !== text) ui.progress.textContent = text;
  }

  function showOrphans() {
    var keys = Object.keys(orphans);
    ui.orphans.textContent = "";
    ui.orphans.hidden = !keys.length;
    if (!keys.length) return;
    add(ui.orphans, "p", "Nogle gemte svar hører til anbefalinger, der ikke længere står i skemaet. " +
        "Her er de, så I kan flytte forklaringerne over:");
    var list = add(ui.orphans, "ul");
    keys.forEach(function (key) {
      var a = orphans[key];
      add(list, "li", key + ": " + (format.choiceLabel(a.choice) || "intet valg") +
          (a.explanation ? ". Forklaring: " + a.explanation : ""));
    });
    var forget = add(ui.orphans, "button", "Glem disse svar", "md-button");
    forget.type = "button";
    forget.addEventListener("click", function () {
      orphans = {};
      saveNow();
      showOrphans();
      say("De gamle svar er glemt.");
      ui.organisation.focus();
    });
  }

  function showAll() {
    ui.organisation.value = state.organisation;
    ui.date.value = state.meetingDate;
    items.forEach(showItem);
    showProgress();
    showOrphans();
  }

  function add(parent, tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  }

  function say(message) { ui.status.textContent = message; }
  function warn(message) { ui.alert.textContent = message; }

  // ------------------------------------------------------------------ keeping the answers

  /* Stored and saved: the sheet's answers and the orphans (unless a sheet answer now holds their key). */
  function persisted() {
    var answers = {};
    Object.keys(orphans).forEach(function (key) { if (!byKey[key]) answers[key] = orphans[key]; });
    Object.keys(state.answers).forEach(function (key) { answers[key] = state.answers[key]; });
    return { organisation: state.organisation, meetingDate: state.meetingDate, answers: answers };
  }

  function saveNow() {
    clearTimeout(timer);
    timer = null;
    if (!store.save(persisted())) {
      warn("Svarene kan ikke gemmes i denne browser (fx i et privat vindue eller når lageret er fuldt). " +
           "Brug »Gem som fil«, før I lukker siden.");
    }
  }

  function saveSoon() {
    clearTimeout(timer);
    timer = setTimeout(saveNow, TYPING_DELAY);
  }

  /* Load `loaded` (stored or from a file) onto the sheet as it is now. */
  function apply(loaded) {
    var result = FEF.match.reconcile(loaded.answers, items);
    state = { organisation: loaded.organisation, meetingDate: loaded.meetingDate, answers: result.answers };
    changed = {};
    result.changed.forEach(function (key) { changed[key] = true; });
    orphans = result.orphans;
    showAll();
    return result;
  }

  function describeLoad(result) {
    var parts = [];
    if (result.changed.length) {
      parts.push(result.changed.length === 1
        ? "1 svar hører til en anbefaling, hvis tekst er ændret, siden I svarede. Det er markeret i skemaet."
        : result.changed.length + " svar hører til anbefalinger, hvis tekst er ændret, siden I svarede. " +
          "De er markeret i skemaet.");
    }
    var gone = Object.keys(result.orphans).length;
    if (gone) parts.push(gone + " svar hører til anbefalinger, der ikke længere står i skemaet (se listen øverst).");
    return parts.join(" ");
  }

  /* The reader edited an answer: it now answers the recommendation's current text. */
  function edit(item, change) {
    var answer = answerOf(item.key);
    var next = { choice: answer.choice, explanation: answer.explanation, hash: item.hash };
    change(next);
    if (!next.choice && !next.explanation) delete state.answers[item.key];
    else state.answers[item.key] = next;
    if (changed[item.key]) {
      delete changed[item.key];
      item.changedNote.hidden = true;
      item.fieldset.classList.remove("av-foe__rec--changed");
    }
    showAsk(item);
    showProgress();
  }

  // ------------------------------------------------------------------ the reader's actions

  items.forEach(function (item) {
    Array.prototype.forEach.call(item.radios, function (radio) {
      radio.addEventListener("change", function () {
        if (!radio.checked) return;
        edit(item, function (a) { a.choice = radio.value; });
        saveNow();
      });
    });
    item.why.addEventListener("input", function () {
      edit(item, function (a) { a.explanation = item.why.value.slice(0, format.LIMITS.explanation); });
      saveSoon();
    });
    item.fieldset.querySelector("[data-av-foe-keep]").addEventListener("click", function () {
      edit(item, function () {});
      saveNow();
      say("Svaret gælder nu den nye tekst.");
      (item.fieldset.querySelector("input:checked") || item.radios[0]).focus();
    });
  });

  ui.organisation.addEventListener("input", function () {
    state.organisation = ui.organisation.value.slice(0, format.LIMITS.organisation);
    saveSoon();
  });
  ui.date.addEventListener("input", function () {
    state.meetingDate = format.validDate(ui.date.value) ? ui.date.value : "";
    saveSoon();
  });

  // Typed text is stored when the page is left or hidden, even within the typing delay.
  root.addEventListener("pagehide", function () { if (timer) saveNow(); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && timer) saveNow();
  });

  function updateReport() {
    var now = new Date();
    var today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (n) {
      return String(n).padStart(2, "0");
    }).join("-");
    FEF.report.render(ui.report, FEF.report.model(items, state, changed, today));
  }

  root.addEventListener("beforeprint", updateReport);
  $("[data-av-foe-print]").addEventListener("click", function () {
    updateReport();
    root.print();
  });

  $("[data-av-foe-save]").addEventListener("click", function () {
    var now = new Date();
    var text = JSON.stringify(format.toData(persisted(), now.toISOString()), null, 2) + "\n";
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var link = add(document.body, "a");
    link.href = url;
    link.download = format.fileName(state, now.toISOString().slice(0, 10));
    link.hidden = true;
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    warn("");
    say("Svarene er gemt som filen " + link.download + ".");
  });

  var previous = null;  // the sheet before the last loaded file, for "Fortryd"

  ui.file.addEventListener("change", function () {
    var file = ui.file.files && ui.file.files[0];
    if (!file) return;
    warn("");
    say("");
    if (file.size > format.LIMITS.fileBytes) {
      ui.file.value = "";
      warn(format.parseFile("", file.size).message + " Intet i skemaet er ændret.");
      return;
    }
    var reader = new FileReader();
    reader.onload = function () { loadText(String(reader.result), file.size, file.name); };
    reader.onerror = function () {
      ui.file.value = "";
      warn("Filen kunne ikke læses. Intet i skemaet er ændret.");
    };
    reader.readAsText(file);
  });

  function loadText(text, size, name) {
    ui.file.value = "";
    var parsed = format.parseFile(text, size);
    if (!parsed.ok) {
      warn(parsed.message + " Intet i skemaet er ændret.");
      return;
    }
    clearTimeout(timer);
    previous = { state: persisted() };
    var result = apply(parsed.state);
    saveNow();
    var answered = Object.keys(result.answers).filter(function (k) { return format.isAnswered(result.answers[k]); });
    say("Skemaet er indlæst fra filen " + name.slice(0, 100) + ": " + answered.length + " svar. " +
        describeLoad(result));
    var undo = add(ui.status, "button", "Fortryd indlæsningen", "md-button");
    undo.type = "button";
    undo.addEventListener("click", function () {
      if (!previous) return;
      apply(previous.state);
      previous = null;
      saveNow();
      say("Indlæsningen er fortrudt; skemaet er som før.");
      ui.file.focus();
    });
  }

  // ------------------------------------------------------------------ start

  sheet.classList.add("av-foe--js");
  $("[data-av-foe-nojs]").hidden = true;
  $("[data-av-foe-tools]").hidden = false;
  var stored = store.load();
  var started = apply(stored.state);
  if (started.moved.length) saveNow();  // the moved answers under their new keys
  if (stored.damaged) {
    warn("De svar, der var gemt i denne browser, kunne ikke læses. Skemaet starter forfra.");
  } else if (!store.isPersistent()) {
    warn("Svarene kan ikke gemmes i denne browser (fx i et privat vindue). Brug »Gem som fil«, før I lukker siden.");
  }
  say(describeLoad(started));
  updateReport();
})(typeof window === "object" ? window : globalThis);
