"""The site's Atom feed (RFC 4287), /feed.xml: the latest entries, newest `updated` first. Knows no host.

Written with xml.etree.ElementTree, which escapes every text and attribute value; characters XML 1.0 cannot
carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD first, so any accepted
entry text gives a well-formed feed.

Ids are `urn:uuid:` URIs (UUID 5 of the site's name and the entry's id): they do not depend on where the site
is hosted, so a feed reader does not see every entry as new when the site moves. Links:

- with `site_url` (mkdocs.yml), absolute links, and `xml:base` is the site's address;
- without it, links relative to the site's root, where feed.xml lies: a relative reference in Atom is resolved
  against `xml:base` or, with none, against the URI the feed was fetched from (RFC 4287 §2, RFC 3986 §5.1.3), so
  a reader that fetched https://…/feed.xml resolves "ideer/x/" next to it.

Dates: entries carry dates, not times, so each is that day at 00:00 UTC. The feed's `updated` is the newest
entry's, not the build's time: building the same catalogue twice gives the same bytes.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import date

from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue, Entry
from almenviden.render.urls import entry_url

FEED_PATH = "feed.xml"  # in the site's root
FEED_TITLE_SUFFIX = "nye og opdaterede sider"
MAX_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Not allowed anywhere in an XML 1.0 document (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

ET.register_namespace("", ATOM)


def feed_title(site_name: str) -> str:
    return f"{site_name}: {FEED_TITLE_SUFFIX}"


def rfc3339(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id_uri(site_name: str, entry_id: str) -> str:
    """The entry's Atom id: the same wherever the site is hosted."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"almenviden:{site_name}:{entry_id}"))


def newest_first(catalogue: Catalogue, limit: int = MAX_ENTRIES) -> list[Entry]:
    """The `limit` entries updated last; ties by newest created, then by id (the order is stable)."""
    entries = sorted(catalogue.entries.values(), key=lambda e: e.id)
    entries.sort(key=lambda e: (e.updated, e.created), reverse=True)
    return entries[:limit]


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def atom_feed(catalogue: Catalogue, *, site_name: str, site_description: str = "", site_url: str | None,
              directory_urls: bool, lang: str = "da") -> bytes:
    """The feed document (UTF-8, with an XML declaration)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    entries = newest_first(catalogue)
    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML_NS}}}lang": lang})
    if base:
        feed.set(f"{{{XML_NS}}}base", base)
    _add(feed, "title", feed_title(site_name))
    if site_description:
        _add(feed, "subtitle", site_description)
    _add(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"almenviden:{site_name}:feed")))
    _add(feed, "updated", rfc3339(max((e.updated for e in entries), default=date(2000, 1, 1))))
    _add(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    _add(feed, "link", rel="alternate", type="text/html", href=base or "./")
    author = _add(feed, "author")
    _add(author, "name", site_name)
    _add(feed, "generator", "almenviden")
    for entry in entries:
        item = _add(feed, "entry")
        _add(item, "title", entry.title, type="text")
        _add(item, "id", entry_id_uri(site_name, entry.id))
        _add(item, "updated", rfc3339(entry.updated))
        if entry.created:
            _add(item, "published", rfc3339(entry.created))
        _add(item, "link", rel="alternate", type="text/html",
             href=base + entry_url(entry.kind, entry.id, directory_urls))
        _add(item, "summary", entry.summary, type="text")
        _add(item, "category", term=KINDS[entry.kind].url_dir, label=KINDS[entry.kind].label)
        entry_author = _add(item, "author")
        _add(entry_author, "name", entry.owner)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
