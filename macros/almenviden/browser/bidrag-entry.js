/* An entry page's "Ret i formularen": on click, the entry's data (#bidrag-data, JSON in the page) is handed to
 * the contribution form through localStorage (almenviden.bidragRet.v1), which works from file:// too. */
(function () {
  "use strict";
  var AV = window.almenviden || {};

  function handOver() {
    var block = document.getElementById("bidrag-data");
    if (!block || !AV.bidragDraft) return;
    try {
      var record = JSON.parse(block.textContent);
      AV.bidragDraft.editStore().save({ id: record.id, kind: record.kind, data: record.data });
    } catch (e) { /* the form then says that it found no data */ }
  }

  function start() {
    var links = document.querySelectorAll("a[data-bidrag-ret]");
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener("click", handOver);
      links[i].addEventListener("auxclick", handOver); // opened in a new tab with the middle button
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
