"""The kinds of entry, in the order the site lists them. Each kind is defined in its own module.

To add a kind: write content/kinds/<kind>.py with its field declarations, typed record, facets, facts,
references and names (see base.Kind), add its page section render/templates/kinds/<key>.html, and list its
KIND here. Schema, validation, facets, pages, cache keys, `almenviden new` and the form follow.
"""

from __future__ import annotations

from almenviden.content.kinds import course, guide, idea, recommendation
from almenviden.content.kinds.base import Facet, Kind, PageFact, Reference, facet

__all__ = ["KINDS", "KIND_BY_CLI_NAME", "Facet", "Kind", "PageFact", "Reference", "facet"]

KINDS: dict[str, Kind] = {k.key: k for k in (idea.KIND, course.KIND, recommendation.KIND, guide.KIND)}

KIND_BY_CLI_NAME = {k.cli_name: k for k in KINDS.values()}
