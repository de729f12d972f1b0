/* The "følg eller forklar" sheet's data: the answers' shape, their validation, and the saved file.
 *
 * One shape everywhere (localStorage, "Gem som fil", "Indlæs fil"):
 *   {"format": "almenviden-foelg-eller-forklar", "version": 1, "saved": "<ISO time>",
 *    "organisation": "…", "meetingDate": "YYYY-MM-DD" or "",
 *    "answers": {"<entry id>/<n>": {"choice": "foelger" | "foelger-delvist" | "foelger-ikke" | "",
 *                                   "explanation": "…", "hash": "<12 hex digits>"}}}
 * Everything read back (a file, or storage another tab or an old version wrote) goes through `clean`, which
 * checks every field and returns either the data or a Danish message; nothing half-valid is ever applied.
 * Pure functions: required by node (tests/js/) and attached to window.almenviden.foelgEllerForklar.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});
  var FEF = (AV.foelgEllerForklar = AV.foelgEllerForklar || {});
  var FORMAT = "almenviden-foelg-eller-forklar";
  var VERSION = 1;
  // Values kept in the data, and their labels; render/comply_sheet.CHOICES is the same table (a test checks).
  var CHOICES = [["foelger", "Vi følger"], ["foelger-delvist", "Vi følger delvist"], ["foelger-ikke", "Vi følger ikke"]];
  var LIMITS = {
    fileBytes: 2 * 1024 * 1024,  // a full sheet of long explanations is well under 1 MB
    answers: 5000,
    explanation: 5000,  // characters, as the page's maxlength (render/comply_sheet.EXPLANATION_MAX)
    organisation: 200,
    saved: 40
  };
  var KEY = /^[a-z0-9]+(-[a-z0-9]+)*\/[1-9][0-9]{0,3}$/;  // "<entry id>/<n>" (content/fields.ID_PATTERN)
  var HASH = /^[0-9a-f]{12}$/;
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) &&
      Object.getPrototypeOf(value) === Object.prototype;
  }

  function choiceLabel(value) {
    for (var i = 0; i < CHOICES.length; i++) if (CHOICES[i][0] === value) return CHOICES[i][1];
    return "";
  }

  function validDate(text) {
    var m = DATE.exec(text);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  function emptyState() {
    return { organisation: "", meetingDate: "", answers: {} };
  }

  function fail(message) { return { ok: false, message: message }; }

  function checkString(value, name, max) {
    if (typeof value !== "string") return name + " er ikke tekst";
    if (value.length > max) return name + " er længere end " + max + " tegn";
    return null;
  }

  /* The state in `data` (an already parsed object), every field checked; or a Danish message saying what is
   * wrong. Unknown fields are ignored (a later version 1 may add some); a wrong value is never repaired. */
  function clean(data) {
    if (!isPlainObject(data) || data.format !== FORMAT) {
      return fail("Filen er ikke et følg-eller-forklar-skema fra almenviden.");
    }
    if (typeof data.version !== "number" || !Number.isInteger(data.version) || data.version < 1) {
      return fail("Filen er beskadiget: den har ikke et gyldigt versionsnummer.");
    }
    if (data.version > VERSION) {
      return fail("Filen er gemt med en nyere udgave af skemaet (version " + data.version + "), som denne side " +
                  "ikke kan læse. Åbn den på det nyeste almenviden, eller hent en ny offline-kopi.");
    }
    var problem = null;
    var state = emptyState();
    if (data.organisation !== undefined) {
      problem = checkString(data.organisation, "Organisationens navn", LIMITS.organisation);
      state.organisation = data.organisation;
    }
    if (!problem && data.meetingDate !== undefined && data.meetingDate !== "") {
      if (typeof data.meetingDate !== "string" || !validDate(data.meetingDate)) problem = "Mødedatoen er ikke en dato";
      state.meetingDate = data.meetingDate;
    }
    if (!problem && data.saved !== undefined) problem = checkString(data.saved, "Gemt-tidspunktet", LIMITS.saved);
    if (!problem && !isPlainObject(data.answers)) problem = "Svarene mangler";
    if (!problem) {
      var keys = Object.keys(data.answers);
      if (keys.length > LIMITS.answers) problem = "Filen har flere end " + LIMITS.answers + " svar";
      for (var i = 0; !problem && i < keys.length; i++) {
        problem = cleanAnswer(keys[i], data.answers[keys[i]], state.answers);
      }
    }
    if (problem) return fail("Filen er beskadiget: " + problem + ".");
    return { ok: true, state: state };
  }

  function cleanAnswer(key, answer, into) {
    var where = "Svaret til " + key.slice(0, 60);
    if (!KEY.test(key)) return "Et svar har en ugyldig nøgle";
    if (!isPlainObject(answer)) return where + " er ikke et svar";
    var choice = answer.choice === undefined ? "" : answer.choice;
    if (choice !== "" && !choiceLabel(choice)) return where + " har et ukendt valg";
    var explanation = answer.explanation === undefined ? "" : answer.explanation;
    var problem = checkString(explanation, where + "s forklaring", LIMITS.explanation);
    if (problem) return problem;
    if (typeof answer.hash !== "string" || !HASH.test(answer.hash)) return where + " mangler tekstens kontrolsum";
    into[key] = { choice: choice, explanation: explanation, hash: answer.hash };
    return null;
  }

  /* The state as data to store or save. */
  function toData(state, saved) {
    var answers = {};
    Object.keys(state.answers).sort().forEach(function (key) {
      var a = state.answers[key];
      answers[key] = { choice: a.choice, explanation: a.explanation, hash: a.hash };
    });
    return { format: FORMAT, version: VERSION, saved: saved, organisation: state.organisation,
             meetingDate: state.meetingDate, answers: answers };
  }

  /* A file's text (already read) → {ok, state} or {ok: false, message}. */
  function parseFile(text, byteSize) {
    if ((byteSize || 0) > LIMITS.fileBytes || typeof text !== "string" || text.length > LIMITS.fileBytes) {
      return fail("Filen er for stor til at være et følg-eller-forklar-skema (højst 2 MB).");
    }
    var data;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch {
      return fail("Filen kan ikke læses: den er beskadiget eller ikke et følg-eller-forklar-skema.");
    }
    return clean(data);
  }

  /* The file's name: "foelg-eller-forklar-<organisation>-<date>.json" (ASCII letters only). */
  function fileName(state, today) {
    var folded = state.organisation.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
      .normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
    return "foelg-eller-forklar" + (folded ? "-" + folded : "") + "-" + (state.meetingDate || today) + ".json";
  }

  /* Answered: a choice was made. */
  function isAnswered(answer) { return Boolean(answer && answer.choice); }

  /* The sheet asks for an explanation when the board does not follow a recommendation fully. */
  function needsExplanation(answer) {
    return Boolean(answer && answer.choice && answer.choice !== "foelger");
  }

  var api = {
    FORMAT: FORMAT, VERSION: VERSION, CHOICES: CHOICES, LIMITS: LIMITS,
    clean: clean, toData: toData, parseFile: parseFile, fileName: fileName, emptyState: emptyState,
    choiceLabel: choiceLabel, isAnswered: isAnswered, needsExplanation: needsExplanation, validDate: validDate
  };
  FEF.format = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "object" ? window : globalThis);
