/* The board's report, which print shows instead of the form: organisation or department, meeting date,
 * every answered recommendation with the choice and the explanation (flagged where the sheet asks for one
 * and there is none, or where the text changed since the answer), then the unanswered ones.
 * `model` is pure (node tests it); `render` builds the DOM with textContent only: the reader's text and a
 * loaded file's text are never markup.
 */
(function (root) {
  "use strict";

  var AV = (root.almenviden = root.almenviden || {});
  var FEF = (AV.foelgEllerForklar = AV.foelgEllerForklar || {});
  var format = FEF.format;  // foelg-eller-forklar-format.js, loaded before this file

  /* "4. august 2024" from "2024-08-04" (Intl's Danish, as the site's danish/dates.py writes dates). */
  function danishDate(iso) {
    if (!iso || !format.validDate(iso)) return "";
    var parts = iso.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
      .format(date);
  }

  /* items: [{key, entry, entryTitle, number, text}] in page order; state: {organisation, meetingDate, answers};
   * changed: {key: true}; today: "YYYY-MM-DD", the day the report is printed. */
  function model(items, state, changed, today) {
    var sections = [];
    var unanswered = [];
    var current = null;
    items.forEach(function (item) {
      var answer = state.answers[item.key];
      if (!format.isAnswered(answer)) {
        unanswered.push({ entryTitle: item.entryTitle, number: item.number, text: item.text });
        return;
      }
      if (!current || current.entry !== item.entry) {
        current = { entry: item.entry, title: item.entryTitle, items: [] };
        sections.push(current);
      }
      current.items.push({
        number: item.number, text: item.text, choice: format.choiceLabel(answer.choice),
        explanation: answer.explanation.trim(),
        missingExplanation: format.needsExplanation(answer) && !answer.explanation.trim(),
        changed: Boolean(changed && changed[item.key])
      });
    });
    return {
      organisation: state.organisation.trim(), meetingDate: danishDate(state.meetingDate),
      printed: danishDate(today),
      answered: items.length - unanswered.length, total: items.length, sections: sections, unanswered: unanswered
    };
  }

  function add(parent, tag, text, className) {
    var node = parent.ownerDocument.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  }

  function render(container, report) {
    container.textContent = "";
    add(container, "h1", "Følg eller forklar: bestyrelsens svar");
    var facts = add(container, "dl", undefined, "av-foe-report__facts");
    add(facts, "dt", "Organisation eller afdeling");
    add(facts, "dd", report.organisation || "(ikke udfyldt)");
    add(facts, "dt", "Mødedato");
    add(facts, "dd", report.meetingDate || "(ikke udfyldt)");
    if (report.printed) {
      add(facts, "dt", "Udskrevet");
      add(facts, "dd", report.printed);
    }
    add(facts, "dt", "Besvaret");
    add(facts, "dd", report.answered + " af " + report.total + " anbefalinger");
    report.sections.forEach(function (section) {
      add(container, "h2", section.title);
      var list = add(container, "ol", undefined, "av-foe-report__items");
      section.items.forEach(function (item) {
        var li = add(list, "li");
        li.value = item.number;
        add(li, "p", item.text, "av-foe-report__text");
        var choice = add(li, "p", undefined, "av-foe-report__choice");
        add(choice, "strong", "Svar: ");
        choice.appendChild(container.ownerDocument.createTextNode(item.choice));
        if (item.changed) add(li, "p", "Bemærk: Teksten er ændret, siden I svarede.", "av-foe-report__flag");
        if (item.explanation) {
          var why = add(li, "p", undefined, "av-foe-report__why");
          add(why, "strong", "Forklaring: ");
          why.appendChild(container.ownerDocument.createTextNode(item.explanation));
        } else if (item.missingExplanation) {
          add(li, "p", "Forklaring mangler: bestyrelsen følger ikke anbefalingen fuldt ud og skal forklare hvorfor.",
              "av-foe-report__flag");
        }
      });
    });
    add(container, "h2", "Ikke besvaret (" + report.unanswered.length + ")");
    if (!report.unanswered.length) {
      add(container, "p", "Alle anbefalinger er besvaret.");
      return;
    }
    var rest = add(container, "ul", undefined, "av-foe-report__unanswered");
    report.unanswered.forEach(function (item) {
      add(rest, "li", item.entryTitle + ", nr. " + item.number + ": " + item.text);
    });
  }

  var api = { model: model, render: render, danishDate: danishDate };
  FEF.report = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "object" ? window : globalThis);
