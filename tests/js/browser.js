// Loads the site's browser scripts (macros/almenviden/browser/) into node, in the order given, as the page
// does: each attaches to globalThis.almenviden. Returns that namespace.
const path = require("node:path");

const BROWSER = path.join(__dirname, "..", "..", "macros", "almenviden", "browser");

module.exports = function load(...names) {
  names.forEach((name) => require(path.join(BROWSER, name + ".js")));
  return globalThis.almenviden;
};
