"""Fixes for problem links: unlink, replace a URL, convert to a page link, each as a new revision.

The rich-text edits are pure string functions over Wagtail's stored format; ``apply_fix`` runs
them through ``pages.revisions.revise`` so the live version is republished and a pending draft
is fixed too, with one audit entry that the page history can revert. A fix applies to every
occurrence of the link's target in the same field, in both versions (paths shift in drafts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from django.db import transaction
from django.utils import timezone
from wagtail import blocks
from wagtail.log_actions import log
from wagtail.models import Page

from blog.models import Author
from linkcheck.extract import REPLACEABLE, Kind, Source
from linkcheck.links import sync_links
from linkcheck.models import Link
from linkcheck.richtext import iter_links
from pages.revisions import RevisionOutcome, Spot, edit_richtext, revise
from pages.streamwalk import iter_leaves, rewrite_leaves, stream_fields

UNLINK = "skincare.linkcheck.unlink"
REPLACE_URL = "skincare.linkcheck.replace_url"
CONVERT = "skincare.linkcheck.convert_to_page_link"
IGNORE = "skincare.linkcheck.ignore"

_HREF_RE = re.compile(r"""(\shref\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)


class FixNotPossible(ValueError):
    """This fix does not apply to this link (wrong kind of field, nothing left to change)."""


@dataclass(frozen=True)
class Target:
    """What a fix looks for in rich text: an href as written, or an internal page/document id."""

    url: str = ""
    linktype: str = ""
    id: int | None = None

    @classmethod
    def of(cls, link: Link) -> Target:
        if link.kind == Kind.EXTERNAL:
            return cls(url=link.url)
        return cls(linktype=link.kind, id=link.target_id)

    def matches(self, anchor) -> bool:
        if self.url:
            return (anchor.href or "").strip() == self.url and anchor.linktype not in (
                "page",
                "document",
            )
        return anchor.linktype == self.linktype and str(anchor.id) == str(self.id)


# --- pure rich-text edits --------------------------------------------------------------------


def unlink_html(html: str, target: Target) -> tuple[str, int]:
    """Remove the anchors pointing at target, keeping their text and inner markup."""
    return _rewrite(html, target, lambda anchor: html[anchor.inner_start : anchor.inner_end])


def replace_href_html(html: str, target: Target, new_url: str) -> tuple[str, int]:
    """Point the external anchors at target to new_url, keeping every other attribute."""

    def rewrite(anchor) -> str:
        opening = html[anchor.start : anchor.inner_start]
        new_opening = _HREF_RE.sub(lambda m: f'{m.group(1)}"{escape(new_url)}"', opening, count=1)
        return new_opening + html[anchor.inner_start : anchor.end]

    return _rewrite(html, target, rewrite)


def to_page_link_html(html: str, target: Target, page_id: int) -> tuple[str, int]:
    """Turn anchors with an absolute same-site URL into Wagtail page links."""

    def rewrite(anchor) -> str:
        return f'<a linktype="page" id="{int(page_id)}">' + html[anchor.inner_start : anchor.end]

    return _rewrite(html, target, rewrite)


def _rewrite(html: str, target: Target, replacement) -> tuple[str, int]:
    if "<a" not in html:
        return html, 0
    parts: list[str] = []
    pos = count = 0
    for anchor in iter_links(html):
        if not target.matches(anchor):
            continue
        parts += [html[pos : anchor.start], replacement(anchor)]
        pos = anchor.end
        count += 1
    if not count:
        return html, 0
    parts.append(html[pos:])
    return "".join(parts), count


# --- URL leaves in streams and URL fields ----------------------------------------------------


def replace_stream_urls(stream_block, raw: list, old: str, new: str) -> tuple[list, int]:
    """Replace URL and embed block values equal to old (at any depth) in a copy of raw."""
    leaves = (
        leaf
        # EmbedBlock is a URLBlock: embeds are included.
        for leaf in iter_leaves(stream_block, raw, (blocks.URLBlock,))
        if isinstance(leaf.value, str) and leaf.value.strip() == old
    )
    new_raw, changes = rewrite_leaves(stream_block, raw, lambda leaf: new, leaves)
    return new_raw, len(changes)


def _replace_url_fields(version, field: str, old: str, new: str) -> list[dict]:
    """Replace a URLField value on the object or on its child rows ("buy_links.0.url")."""
    if "." not in field:
        if (getattr(version, field, "") or "").strip() != old:
            return []
        setattr(version, field, new)
        return [{"field": field, "old": old, "new": new}]
    relation, _index, name = field.split(".", 2)
    children = list(getattr(version, relation).all())
    records = []
    for position, child in enumerate(children):
        if (getattr(child, name, "") or "").strip() == old:
            setattr(child, name, new)
            records.append({"field": f"{relation}.{position}.{name}", "old": old, "new": new})
    if records:
        # Assigning the list keeps the change in memory so the revision serialises it.
        setattr(version, relation, children)
    return records


# --- edits over object versions --------------------------------------------------------------


def _richtext_edit(link: Link, operation: str, rewrite):
    target = Target.of(link)

    def transform(spot: Spot, html: str) -> tuple[str, list[dict]]:
        if spot.field != link.field:
            return html, []
        new_html, count = rewrite(html, target)
        if not count:
            return html, []
        return new_html, [
            {
                "field": str(spot),
                "action": operation,
                "target": link.url or f"{link.kind}:{link.target_id}",
                "text": link.text,
                "count": count,
            }
        ]

    return lambda version: edit_richtext(version, transform)


def _url_edit(link: Link, new_url: str):
    def edit(version) -> list[dict]:
        if link.source == Source.URL_FIELD:
            return _replace_url_fields(version, link.field, link.url, new_url)
        records = []
        for stream_field in stream_fields(type(version)):
            if stream_field.name != link.field:
                continue
            raw = getattr(version, stream_field.name).raw_data
            new_raw, count = replace_stream_urls(stream_field.stream_block, raw, link.url, new_url)
            if count:
                setattr(version, stream_field.name, new_raw)
                records.append(
                    {"field": link.field, "old": link.url, "new": new_url, "count": count}
                )
        return records

    return edit


def unlink(link: Link, *, user=None) -> RevisionOutcome:
    """Remove the link but keep its text (rich text only)."""
    if link.source != Source.RICHTEXT:
        raise FixNotPossible("only links in rich text can be unlinked; edit the field instead")
    edit = _richtext_edit(link, "unlink", unlink_html)
    return _apply(link, edit, UNLINK, user, {"url": link.url, "text": link.text})


def replace_url(link: Link, new_url: str, *, user=None) -> RevisionOutcome:
    """Point the link at new_url (e.g. a permanent redirect's target)."""
    new_url = (new_url or "").strip()
    if link.kind != Kind.EXTERNAL or link.source not in REPLACEABLE:
        raise FixNotPossible("this link's URL is derived (a DOI, PMID or chooser): edit it there")
    if not new_url or new_url == link.url:
        raise FixNotPossible("give a different URL to link to")
    if link.source == Source.URL_FIELD:
        edit = _url_edit(link, new_url)
    else:
        # In a StreamField the URL is replaced wherever it is written in that field: anchors,
        # URL blocks (a citation's URL) and embeds alike.
        in_richtext = _richtext_edit(
            link, "replace_url", lambda html, target: replace_href_html(html, target, new_url)
        )
        in_blocks = _url_edit(link, new_url)

        def edit(version) -> list[dict]:
            return in_richtext(version) + in_blocks(version)

    return _apply(link, edit, REPLACE_URL, user, {"url": link.url, "new_url": new_url})


def convert_to_page_link(link: Link, *, user=None) -> RevisionOutcome:
    """Turn an absolute same-site URL in rich text into a page link that survives slug changes."""
    if link.source != Source.RICHTEXT or link.issue != Link.Issue.SAME_SITE_URL:
        raise FixNotPossible("only absolute URLs to a page of this site in rich text convert")
    page_id = link.target_id
    if not page_id or not Page.objects.filter(pk=page_id).exists():
        raise FixNotPossible("the page this URL pointed at no longer exists")
    edit = _richtext_edit(
        link, "convert", lambda html, target: to_page_link_html(html, target, page_id)
    )
    return _apply(link, edit, CONVERT, user, {"url": link.url, "page_id": page_id})


def _apply(link: Link, edit, action: str, user, extra: dict) -> RevisionOutcome:
    owner = _owner_for_edit(link)
    outcome = revise(owner, edit, action=action, user=user, extra=extra)
    if not outcome.changed:
        raise FixNotPossible("the link is no longer in the page; recheck to refresh the report")
    sync_links(_owner_for_edit(link))
    return outcome


def _owner_for_edit(link: Link):
    if link.page_id:
        return Page.objects.get(pk=link.page_id).specific

    return Author.objects.get(pk=link.author_id)


@transaction.atomic
def ignore(link: Link, reason: str, *, user=None) -> int:
    """Drop the link's target from the report for this page or author, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise FixNotPossible("say why this link is fine as it is")
    owner = {"page_id": link.page_id} if link.page_id else {"author_id": link.author_id}
    same = Link.objects.filter(**owner, kind=link.kind, url=link.url, target_id=link.target_id)
    count = same.update(
        ignored=True,
        ignored_reason=reason,
        ignored_by=user if getattr(user, "pk", None) else None,
        ignored_at=timezone.now(),
    )
    log(
        instance=_owner_for_edit(link),
        action=IGNORE,
        user=user,
        data={"url": link.url, "target_id": link.target_id, "reason": reason},
    )
    return count
