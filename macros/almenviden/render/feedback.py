""""Giv besked om siden": a link under each entry page that opens a new issue in the site's GitHub repository,
or a mail to a configured address, prefilled with the page's title and address. Knows no host.

Nothing is sent by the site: the link opens GitHub's own "new issue" form (or the reader's mail program) with
the text filled in, and the reader decides. Every part of the URL is percent-encoded (urllib.parse.quote with no
safe characters), and the link is HTML-escaped by the template, so a title is text whatever it spells.

The page's address is absolute only when the site knows its own (`site_url` in mkdocs.yml); without it the body
gives the page's path in the site and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from almenviden.render.environment import template

GITHUB_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


class FeedbackConfigError(ValueError):
    """The feedback configuration is not usable; the message is Danish."""


@dataclass(frozen=True)
class FeedbackTarget:
    """Where feedback goes: a GitHub repository ("owner/name") or an e-mail address (GitHub first if both)."""
    github: str | None = None
    email: str | None = None

    @classmethod
    def from_config(cls, config: object) -> "FeedbackTarget | None":
        """From the plugin option `feedback: {github: owner/name}` or `{email: adresse}`; None if empty.
        Raises FeedbackConfigError (Danish) for anything else."""
        if config is None or config == {}:
            return None
        if not isinstance(config, dict) or set(config) - {"github", "email"}:
            raise FeedbackConfigError("'feedback' i mkdocs.yml skal være fx {github: ejer/repo} eller "
                                      "{email: navn@eksempel.dk}.")
        github, email = config.get("github") or None, config.get("email") or None
        if github is not None and not (isinstance(github, str) and GITHUB_REPOSITORY.fullmatch(github)):
            raise FeedbackConfigError(f"'feedback: github' i mkdocs.yml skal være et GitHub-repository som "
                                      f"ejer/navn, ikke {github!r}.")
        if email is not None and not (isinstance(email, str) and EMAIL_ADDRESS.fullmatch(email)):
            raise FeedbackConfigError(f"'feedback: email' i mkdocs.yml skal være en mailadresse, ikke {email!r}.")
        return cls(github, email) if github or email else None


def page_address(page_url: str, site_url: str | None) -> tuple[str, bool]:
    """The page's address for the message, and whether it is absolute (`page_url` is relative to the site)."""
    if site_url:
        return site_url.rstrip("/") + "/" + page_url, True
    return page_url, False


def message_body(page_url: str, site_url: str | None) -> str:
    address, absolute = page_address(page_url, site_url)
    where = f"Siden: {address}" if absolute else (
        f"Siden: {address}\n(Det er sidens sti på sitet; sitet har ingen fast adresse sat op.)")
    return (f"{where}\n\n"
            "Hvad er forkert, forældet eller mangler?\n\n\n"
            "Dit forslag til, hvad der skal stå (hvis du har et):\n\n\n"
            "Skriv ikke navne, telefonnumre eller andre oplysninger om beboere: beskeden kan ses af alle.\n")


def _query(**parts: str) -> str:
    return "&".join(f"{name}={quote(value, safe='')}" for name, value in parts.items())


def feedback_url(title: str, page_url: str, target: FeedbackTarget, site_url: str | None) -> str:
    """The link's URL: a new GitHub issue, or a mailto: (RFC 6068), with title and body percent-encoded."""
    body = message_body(page_url, site_url)
    if target.github:
        return f"https://github.com/{target.github}/issues/new?" + _query(title=title, body=body)
    return f"mailto:{quote(target.email, safe='@')}?" + _query(subject=f"Om siden: {title}",
                                                                   body=body.replace("\n", "\r\n"))


def feedback_link(title: str, page_url: str, target: FeedbackTarget | None, site_url: str | None) -> Markup:
    """The link's HTML, or nothing when no feedback target is configured."""
    if target is None:
        return Markup("")
    return Markup(template("feedback.html").render(url=feedback_url(title, page_url, target, site_url),
                                                   github=bool(target.github)))
