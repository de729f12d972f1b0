"""The kinds of entry, in the order the site lists them. Each kind is defined in its own module.

To add a kind: write content/kinds/<kind>.py with its typed fields, schema properties, facets, facts,
references and names (see base.Kind), add its scaffold template content/templates/new_<key>.yaml.j2,
and list its KIND here. Schema, validation, facets, pages, cache keys and `almenviden new` follow.
"""

from __future__ import annotations

from almenviden.content.kinds import course, guide, idea, recommendation
from almenviden.content.kinds.base import Facet, Kind, PageFact, Reference, facet

__all__ = ["KINDS", "KIND_BY_CLI_NAME", "Facet", "Kind", "PageFact", "Reference", "facet"]

KINDS: dict[str, Kind] = {k.key: k for k in (idea.KIND, course.KIND, recommendation.KIND, guide.KIND)}

KIND_BY_CLI_NAME = {k.cli_name: k for k in KINDS.values()}
