/* GitHub links of the contribution form: the prefilled new-file page and the edit page of an entry.
 *
 * GitHub answers a request whose URL is longer than about 8 KB with "414 URI Too Long" / "Whoa there! Your
 * request URL is too long". GitHub does not document the figure; github/docs issue #5136 (2021) asks to
 * document "the serverside limit of 8191 bytes URL", and mezis/git-whistles#40 observed the limit "somewhere
 * around 8000-9000". We could not measure it from here (no access to github.com), so the link is offered up
 * to URL_LIMIT characters of the whole, percent-encoded (so ASCII: characters = bytes) URL, a margin below
 * 8191 for the request line's method and version. Longer: the page says so and "Hent filen" is the way.
 */
(function () {
  "use strict";

  var URL_LIMIT = 8000;
  var REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

  function validConfig(config) {
    return !!(config && REPO.test(config.github || "") && config.branch && !/[\s?#]/.test(config.branch));
  }

  function filePath(kind, id) {
    return "catalogue/" + kind + "/" + id + ".yaml";
  }

  function branchPath(branch) {
    return branch.split("/").map(encodeURIComponent).join("/");
  }

  /* {url, tooLong}: GitHub's new-file page for the file, with the text as its content. */
  function newFileUrl(config, kind, id, yaml) {
    var url = "https://github.com/" + config.github + "/new/" + branchPath(config.branch) +
      "?filename=" + encodeURIComponent(filePath(kind, id)) + "&value=" + encodeURIComponent(yaml);
    return { url: url, tooLong: url.length > URL_LIMIT };
  }

  function editUrl(config, kind, id) {
    return "https://github.com/" + config.github + "/edit/" + branchPath(config.branch) + "/" + filePath(kind, id);
  }

  var api = { newFileUrl: newFileUrl, editUrl: editUrl, filePath: filePath, validConfig: validConfig,
              URL_LIMIT: URL_LIMIT };
  var root = typeof window === "object" ? window : globalThis;
  root.almenviden = root.almenviden || {};
  root.almenviden.bidragGithub = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})();
