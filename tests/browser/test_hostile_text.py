"""Hostile text in Chromium (issue 9, part 1): every page of the hostile catalogue's site (see
tests/hostile_catalogue.py), served over HTTP and as the unzipped offline copy from file://, is loaded
with a dialog handler and a trap on window.__pwned (the flag the payloads try to set); every element
that can be hovered or focused is; the catalogue's search results are rendered from the hostile search
records; and every request to another host is aborted and recorded. Nothing may run, and nothing may
be asked of another host.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlsplit

import pytest

from almenviden.sitebuild.writer import page_path

from hostile_catalogue import load_payloads

from av_ui import header_search, settled
from browser.conftest import Site

pytestmark = pytest.mark.browser

SITE_NAME = "almenviden"
# Runs before any of the page's scripts, in every frame: any write to the flag is recorded.
TRAP = """(() => {
  let hits = 0;
  Object.defineProperty(window, "__pwned", {configurable: false, get: () => hits,
    set: () => { hits += 1; console.error("__pwned set on " + location.href); }});
})();"""
# The page as it is after its scripts ran: what could run or load, after hovering and focusing everything.
INSPECT = """() => {
  const found = [];
  const schemes = ["http:", "https:", "mailto:", "tel:", "file:"];
  const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || name === "srcdoc") found.push(`<${el.localName} ${name}>`);
      if (urlAttributes.includes(name)) {
        let scheme;
        try { scheme = new URL(attr.value, document.baseURI).protocol; } catch (e) { continue; }
        if (!schemes.includes(scheme)) found.push(`<${el.localName} ${name}="${attr.value.slice(0, 40)}">`);
      }
    }
  }
  // The one meta[http-equiv] a page may have is its own Content-Security-Policy, in <head> (browser/csp.py).
  const never = "iframe, frame, object, embed, base, marquee, x, math, noscript, xmp, video, audio, " +
                "textarea:not([data-av-foe-why]), " +
                "meta[http-equiv]:not(head > meta[http-equiv='Content-Security-Policy']), svg script, svg animate";
  for (const el of document.querySelectorAll(never)) found.push(`<${el.localName}>`);
  const policies = document.querySelectorAll("meta[http-equiv='Content-Security-Policy']").length;
  if (policies !== 1) found.push(`${policies} Content-Security-Policy <meta>s`);
  for (const el of document.querySelectorAll("a, button, input, summary, [tabindex], [title], .md-content *")) {
    for (const type of ["mouseover", "mouseenter", "pointerover"]) el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    if (el.matches("a, button, input, summary, [tabindex]")) el.focus({preventScroll: true});
  }
  const links = [...document.querySelectorAll(".md-content a[href]")].slice(0, 5).map(a => {
    const r = a.getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2];
  }).filter(([x, y]) => x > 0 && y > 0 && y < innerHeight);
  return {found, links, title: document.title, pwned: window.__pwned,
          offlineHead: !!document.head.querySelector('script[src$="offline-search.js"]'),
          bannerFirst: !!document.body.firstElementChild?.classList.contains("av-offline-banner")};
}"""


class Watched:
    """A browser context whose pages record dialogs, flag writes, script errors, navigations away and
    every request that `local` does not match (those are aborted)."""

    def __init__(self, chromium, local: re.Pattern):
        self.context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK",
                                            service_workers="block")
        self.executed: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context.add_init_script(TRAP)
        # Only what is not local reaches Python: the rest of the requests stay in Chromium.
        self.context.route(re.compile(rf"^(?!{local.pattern}|data:|blob:|about:)"), self._abort)
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: "__pwned" in m.text and self.executed.append(m.text))
        self.page.on("pageerror", lambda exc: self.errors.append(f"{self.page.url}: {exc}"))
        self.page.on("websocket", lambda ws: self.foreign.append(ws.url))
        self.page.on("request", lambda r: not local.match(r.url) and not r.url.startswith(("data:", "blob:"))
                     and r.url not in self.foreign and self.foreign.append(r.url))

    def _abort(self, route):
        self.foreign.append(route.request.url)
        route.abort()

    def _dialog(self, dialog):
        self.executed.append(f"{dialog.type}({dialog.message}) on {self.page.url}")
        dialog.dismiss()

    def visit(self, url: str) -> dict:
        self.page.goto(url, wait_until="load")
        if self.page.query_selector("[data-av-catalogue]"):
            settled(self.page)  # the result cards, rendered from the search records
        return self.inspect(url)

    def inspect(self, url: str) -> dict:
        state = self.page.evaluate(INSPECT)
        for x, y in state["links"]:
            self.page.mouse.move(x, y)
        state["pwned"] = max(state["pwned"], self.page.evaluate("window.__pwned"))
        assert urlsplit(self.page.url)._replace(fragment="") == urlsplit(url)._replace(fragment=""), \
            f"{url} went to {self.page.url}"
        return state

    def close(self):
        self.context.close()


def _visit_all(watched: Watched, root, url_of, hostile) -> dict[str, dict]:
    pages = sorted(p for p in root.rglob("*.html") if not p.relative_to(root).as_posix().startswith("pagefind/"))
    states = {}
    for page in pages:
        states[page.relative_to(root).as_posix()] = watched.visit(url_of(page))
    # The header search box and the search page, with results from the hostile records.
    watched.visit(url_of(root / "index.html"))
    assert header_search(watched.page, "pwned"), "søgningen fandt ingen af de fjendtlige poster"
    states["(søgefeltet)"] = watched.inspect(watched.page.url)
    search_page = root / "soeg" / "index.html"  # served, and the offline copy converted from a built site
    states["(søgesiden)"] = watched.visit(url_of(search_page) + "?q=alert")
    assert watched.page.locator(".av-card").count() > 0, "søgesiden viste ingen resultater"
    return states


def _assert_inert(watched: Watched, states: dict[str, dict], hostile, directory_urls: bool, root):
    assert len(states) > len(hostile.model.entries)
    assert not watched.executed, watched.executed[:5]
    assert not [path for path, s in states.items() if s["pwned"]]
    assert not watched.foreign, f"Sitet spurgte andre værter: {watched.foreign[:5]}"
    found = {path: s["found"] for path, s in states.items() if s["found"]}
    assert not found, list(found.items())[:3]
    assert not watched.errors, watched.errors[:3]
    for entry in hostile.model.entries.values():
        state = states[page_path(entry.kind, entry.id, directory_urls)]
        # document.title collapses ASCII white space, as the <title> element's text is shown
        assert state["title"] == " ".join(re.split(r"[\t\n\f\r ]+", f"{entry.title} - {SITE_NAME}".strip(
            "\t\n\f\r "))), entry.id


@pytest.fixture(scope="module")
def served_hostile(hostile, hostile_site):
    site = Site(hostile_site, hostile.root)
    yield site
    site.close()


def test_no_hostile_text_runs_or_fetches_online(chromium, hostile, served_hostile):
    watched = Watched(chromium, re.compile(re.escape(served_hostile.url)))
    try:
        root = served_hostile.root
        states = _visit_all(watched, root, lambda p: served_hostile.url + p.relative_to(root).as_posix(), hostile)
        _assert_inert(watched, states, hostile, True, root)
    finally:
        watched.close()


def test_no_hostile_text_runs_or_fetches_offline(chromium, hostile, hostile_offline):
    root = hostile_offline.root
    watched = Watched(chromium, re.compile(re.escape(root.as_uri() + "/")))
    try:
        # The copy is converted from the built site: the site's layout (ideer/x/index.html).
        states = _visit_all(watched, root, lambda p: p.as_uri(), hostile)
        _assert_inert(watched, states, hostile, True, root)
        pages = {path: s for path, s in states.items() if not path.startswith("(")}
        assert all(s["offlineHead"] and s["bannerFirst"] for s in pages.values()), \
            [p for p, s in pages.items() if not (s["offlineHead"] and s["bannerFirst"])][:5]
    finally:
        watched.close()


# The reader's list (issue 16): its URL and its meeting title field are reader data. Every text payload goes into
# ?poster= (as ids: shown as text in a notice, never used to build a URL) and into the meeting title (the printed
# cover shows it as text); the listed entries are the hostile ones, whose titles, summaries and articles the list
# and its printed handout show from their data files.
LIST_PRINT = """() => [document.querySelector('.av-print-meeting').textContent,
                      document.querySelectorAll('.av-print-entry').length]"""


def _words(text: str) -> str:
    """White space collapsed as JavaScript's trim() sees it (U+FEFF included)."""
    return " ".join(text.replace("\ufeff", " ").split())


def _list_is_inert(watched: Watched, list_url: str, hostile):
    payloads = load_payloads()["text"]
    states = {}
    page = watched.page
    ids = sorted(hostile.model.entries)[:100]
    page.goto(list_url + "?poster=" + ",".join(ids))
    page.wait_for_function("n => document.querySelectorAll('[data-av-list-item]').length === n", arg=len(ids))
    page.get_by_role("button", name="Gem som min liste").click()
    page.wait_for_selector(".av-ml-up")
    for payload in payloads:  # one link each: a notice names at most ten invalid ids
        url = list_url + "?poster=" + quote(payload, safe="")
        page.goto(url)
        page.wait_for_selector(".av-ml-notice")
        notices = _words(page.inner_text(".av-ml-notices"))
        for token in filter(None, (_words(t) for t in payload.split(","))):
            assert token[:60] in notices, (payload, notices)  # a long one is cut at 80 characters
        states[url] = watched.inspect(url)
    page.goto(list_url)
    page.wait_for_function("n => document.querySelectorAll('[data-av-list-item]').length === n", arg=len(ids))
    for payload in payloads:
        page.fill("#av-ml-meeting", payload)
        page.emulate_media(media="print")
        title, printed = page.evaluate(LIST_PRINT)
        typed = page.input_value("#av-ml-meeting")  # a text field drops line breaks
        assert _words(title) == (_words(typed) or "Min liste") and printed == len(ids), payload
        page.emulate_media(media="screen")
    states["(mødets titel)"] = watched.inspect(page.url)
    assert not watched.executed, watched.executed[:5]
    assert not [url for url, s in states.items() if s["pwned"]]
    assert not {url: s["found"] for url, s in states.items() if s["found"]}
    assert not watched.foreign, watched.foreign[:5]
    assert not watched.errors, watched.errors[:3]


def test_hostile_list_links_and_meeting_titles_stay_text_online(chromium, hostile, served_hostile):
    watched = Watched(chromium, re.compile(re.escape(served_hostile.url)))
    try:
        _list_is_inert(watched, served_hostile.url + "min-liste/", hostile)
    finally:
        watched.close()


def test_hostile_list_links_and_meeting_titles_stay_text_offline(chromium, hostile, hostile_offline):
    root = hostile_offline.root
    watched = Watched(chromium, re.compile(re.escape(root.as_uri() + "/")))
    try:
        _list_is_inert(watched, (root / "min-liste" / "index.html").as_uri(), hostile)
    finally:
        watched.close()

# ---------------------------------------------------------------- a loaded følg-eller-forklar file (issue 16)

def _sheet_file(keys: list[str], organisation: str, payloads: list[str], orphans: int = 5) -> bytes:
    """A valid answer file: every payload as an explanation (cycled over the sheet's keys and a few keys that
    are not on the sheet, which the page lists as text), `organisation` as the organisation's name."""
    all_keys = keys + [f"fjendtlig-anbefaling/{n}" for n in range(1, orphans + 1)]
    choices = ["foelger", "foelger-delvist", "foelger-ikke", ""]
    answers = {key: {"choice": choices[i % 4], "explanation": payloads[i % len(payloads)], "hash": "0" * 12}
               for i, key in enumerate(all_keys)}
    return json.dumps({"format": "almenviden-foelg-eller-forklar", "version": 1, "saved": payloads[0][:40],
                       "organisation": organisation[:200], "meetingDate": "2026-12-10", "answers": answers}).encode()


def js_trim(text: str) -> str:
    """String.prototype.trim: Python's white space and the byte order mark."""
    return re.sub(r"^[\s\ufeff]+|[\s\ufeff]+$", "", text)


@pytest.mark.parametrize("where", ["online", "offline"])
def test_hostile_text_in_a_loaded_answer_file_stays_text(chromium, request, where):
    from hostile_catalogue import load_payloads

    payloads = load_payloads()["text"]
    if where == "online":
        base = request.getfixturevalue("served_shipped").url
        url = base + "anbefalinger/foelg-eller-forklar/"
    else:
        base = request.getfixturevalue("offline_copy").root.as_uri() + "/"
        url = base + "anbefalinger/foelg-eller-forklar/index.html"
    watched = Watched(chromium, re.compile(re.escape(base)))
    page = watched.page
    try:
        page.goto(url)
        keys = page.eval_on_selector_all("[data-av-foe-key]", "fs => fs.map(f => f.dataset.avFoeKey)")
        assert len(keys) >= len(payloads)
        file_input = page.get_by_label("Indlæs fil")
        for n, organisation in enumerate(payloads):
            rotated = payloads[n:] + payloads[:n]
            page.evaluate("() => { document.querySelector('[data-av-foe-status]').textContent = ''; }")
            data = _sheet_file(keys, organisation, rotated)
            file_input.set_input_files({"name": f"{organisation[:60]}.json", "mimeType": "application/json",
                                        "buffer": data})
            page.wait_for_function("() => document.querySelector('[data-av-foe-status]').textContent.includes('indlæst')")
            page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
            # A text field's value has no line breaks (HTML's value sanitization); the rest is as given.
            assert page.input_value("#foe-organisation") == re.sub(r"[\r\n]", "", organisation[:200])
            report = page.text_content("[data-av-foe-report]")
            assert js_trim(organisation[:200]) in report and js_trim(rotated[0]) in report
        orphans = page.text_content("[data-av-foe-orphans]")
        gone = [a["explanation"] for k, a in json.loads(data)["answers"].items() if k not in keys]
        assert len(gone) == 5 and all(p in orphans for p in gone), orphans[:300]
        # Values that are not allowed (markup in keys, choices, hashes, dates) are refused as a whole.
        for bad in [{"<img src=x onerror=__pwned=1>/1": {"choice": "foelger", "explanation": "", "hash": "0" * 12}},
                    {keys[0]: {"choice": "<script>__pwned=1</script>", "explanation": "", "hash": "0" * 12}},
                    {keys[0]: {"choice": "foelger", "explanation": "", "hash": "\"><svg onload=__pwned=1>"}}]:
            file_input.set_input_files({"name": "afvist.json", "mimeType": "application/json", "buffer": json.dumps(
                {"format": "almenviden-foelg-eller-forklar", "version": 1, "answers": bad}).encode()})
            page.wait_for_function("() => document.querySelector('[data-av-foe-alert]').textContent.includes('beskadiget')")
            assert "__pwned" not in page.text_content("[data-av-foe-alert]")
            page.evaluate("() => { document.querySelector('[data-av-foe-alert]').textContent = ''; }")
        state = watched.inspect(url)
        dangerous = page.eval_on_selector_all(
            "[data-av-foe-report] *, [data-av-foe-orphans] *, [data-av-foe-status] *, [data-av-foe-alert] *",
            "els => els.filter(e => !['H1', 'H2', 'DL', 'DT', 'DD', 'OL', 'UL', 'LI', 'P', 'STRONG', 'BUTTON']"
            ".includes(e.tagName)).map(e => e.outerHTML.slice(0, 80))")
    finally:
        watched.close()
    assert not dangerous, dangerous[:5]
    assert not watched.executed, watched.executed[:5]
    assert not state["pwned"] and not state["found"], state["found"][:5]
    assert not watched.foreign, watched.foreign[:5]
    assert not watched.errors, watched.errors[:3]
