"""axe-core from the npm registry, installed at test time into <repo>/.cache/axe (never from a CDN)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AXE_DIR = REPO / ".cache" / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_PACKAGE = "axe-core@4"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules (not WCAG-tagged) that the catalogue pages broke before issue 11: checked too.
EXTRA_RULES = ["heading-order", "landmark-unique"]

RUN = """async ([tags, rules]) => {
  const runs = [await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}),
                await axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']})];
  return runs.flatMap(r => r.violations).map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n').slice(1).join(' '))}));
}"""


def install() -> tuple[Path | None, str]:
    """The path of axe.min.js, installing it with npm when missing; (None, reason) when that fails."""
    if AXE_JS.is_file():
        return AXE_JS, ""
    npm = shutil.which("npm")
    if not npm:
        return None, "npm findes ikke (apt-get install npm)"
    result = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR),
                             AXE_PACKAGE], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "npm_config_update_notifier": "false"})
    if result.returncode != 0 or not AXE_JS.is_file():
        return None, f"npm install {AXE_PACKAGE} fejlede: {result.stderr.strip()[-800:]}"
    return AXE_JS, ""


def violations(page, axe_js: Path) -> list[dict]:
    """axe's WCAG 2.1 A/AA violations on the page as it is now (and those of EXTRA_RULES)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through DevTools, which the page's Content-Security-Policy does not govern: add_script_tag
        # would add an inline script, and the policy blocks those (as it should).
        page.evaluate(axe_js.read_text(encoding="utf-8") + "\n;void 0")
    return page.evaluate(RUN, [WCAG_TAGS, EXTRA_RULES])


def describe(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5]) for v in found)
