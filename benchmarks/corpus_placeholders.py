"""Deterministic synthetic article bodies for the placeholder benchmark.

``bodies(count, seed)`` yields ~30 KB bodies in Wagtail's stored rich-text format: headings,
paragraphs with internal, citation and real-title links, lists, embeds and the legitimate
look-alikes (editors' related guides, further reading, references). One body in ten also
carries spam in one or more of the four forms. This module assembles bodies; the phrase pools
it draws from are in ``benchmarks.corpus_placeholder_phrases``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from benchmarks.corpus_placeholder_phrases import (
    CITATIONS,
    CONCERNS,
    FARM_HOSTS,
    INGREDIENTS,
    ITEM_ANCHORS,
    LEAD_INS,
    MONEY_LINKS,
    ORGS,
    PLACEHOLDER_HREFS,
    PROMO_ANCHORS,
    PROMO_CLUSTERS,
    REAL_EXTERNAL,
    SENTENCES,
    TIMES,
    TITLES,
)

TARGET_BYTES = 30_000
SPAM_SHARE = 0.10


def _a(href: str, text: str) -> str:
    return f'<a href="{href}">{text}</a>'


class _Writer:
    """Builds one body, numbering block keys and page ids the way Wagtail stores them."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.parts: list[str] = []
        self.size = 0

    def add(self, html: str) -> None:
        self.parts.append(html)
        self.size += len(html)

    def p(self, inner: str) -> str:
        key = "".join(self.rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(5))
        return f'<p data-block-key="{key}">{inner}</p>'

    def page(self, text: str) -> str:
        return f'<a linktype="page" id="{self.rnd.randint(3, 400)}">{text}</a>'

    def fill(self, template: str) -> str:
        ing, concern = self.rnd.choice(INGREDIENTS), self.rnd.choice(CONCERNS)
        return template.format(
            ing=ing, Ing=ing[0].upper() + ing[1:], concern=concern, time=self.rnd.choice(TIMES)
        )

    def slug(self) -> str:
        return "-".join(self.rnd.choice(INGREDIENTS + CONCERNS).split()).lower()

    def inline_link(self) -> str:
        roll = self.rnd.random()
        if roll < 0.4:
            return self.page(self.fill(self.rnd.choice(TITLES)).lower())
        if roll < 0.6:
            href, text = self.rnd.choice(CITATIONS)
            year = self.rnd.randint(2009, 2024)
            return _a(href.format(n=self.rnd.randint(10000, 9999999)), text.format(year=year))
        if roll < 0.75:
            href, org = self.rnd.choice(ORGS)
            return "the " + _a(href.format(slug=self.slug()), org)
        if roll < 0.9:
            href, text = self.rnd.choice(REAL_EXTERNAL)
            return _a(href.format(slug=self.slug()), self.fill(text))
        checklist = self.fill("{ing} checklist")
        return f'the <a linktype="document" id="{self.rnd.randint(1, 40)}">{checklist}</a>'

    def sentence(self) -> str:
        text = self.fill(self.rnd.choice(SENTENCES))
        roll = self.rnd.random()
        if roll < 0.25:
            return f"{text[:-1]}, as {self.inline_link()} explains."
        if roll < 0.35:
            words = text.split(" ")
            cut = self.rnd.randint(1, max(1, len(words) - 2))
            return " ".join([*words[:cut], f"<b>{words[cut]}</b>", *words[cut + 1 :]])
        return text

    def paragraph(self, sentences: int | None = None) -> str:
        count = sentences or self.rnd.randint(2, 6)
        return " ".join(self.sentence() for _ in range(count))

    def clean_block(self) -> None:
        roll = self.rnd.random()
        if roll < 0.12:
            self.add(f"<h2>{self.fill(self.rnd.choice(TITLES))}</h2>")
        elif roll < 0.2:
            tag = self.rnd.choice(["ul", "ol"])
            count = self.rnd.randint(3, 6)
            items = "".join(f"<li>{self.sentence()}</li>" for _ in range(count))
            self.add(f"<{tag}>{items}</{tag}>")
        elif roll < 0.23:
            alt = self.fill("{Ing} texture on skin")
            image = self.rnd.randint(1, 90)
            self.add(f'<embed embedtype="image" id="{image}" format="fullwidth" alt="{alt}"/>')
        elif roll < 0.25:
            self.look_alike()
        else:
            self.add(self.p(self.paragraph()))

    def look_alike(self) -> None:
        roll = self.rnd.random()
        if roll < 0.3:
            self.hard_look_alike()
        elif roll < 0.5:
            titles = [self.fill(self.rnd.choice(TITLES)) for _ in range(3)]
            items = "".join(f"<li>{self.page(title)}</li>" for title in titles)
            self.add(self.p("Related guides:") + f"<ul>{items}</ul>")
        elif roll < 0.7:
            items = "".join(
                f"<li>{_a(href.format(slug=self.slug()), org + ': ' + self.fill('{Ing} and {concern}'))}</li>"
                for href, org in self.rnd.sample(ORGS, 3)
            )
            self.add(f"<h3>Further reading</h3><ul>{items}</ul>")
        elif roll < 0.88:
            post = self.page(f"post on {self.rnd.choice(INGREDIENTS)}")
            self.add(self.p(f"I go into more detail in my {post}."))
        else:
            guide = f"Read our full guide to {self.rnd.choice(INGREDIENTS)}"
            self.add(self.p(_a(f"/blog/{self.slug()}/", guide)))

    def hard_look_alike(self) -> None:
        """Honest prose that the precheck cannot turn away: the full rules must look."""
        ing, concern = self.rnd.choice(INGREDIENTS), self.rnd.choice(CONCERNS)
        href = f"https://www.byrdie.com/{self.slug()}"
        self.add(
            self.p(
                self.rnd.choice(
                    [
                        f"More research on the subject is needed before {ing} can be "
                        f"recommended for {concern}.",
                        f"We’ve selected three {ing} serums to compare side by side for {concern}.",
                        f"{_a(href, 'Read this helpful guide')} before your first session, "
                        f"then patch test {ing}.",
                        f"Our editors handpicked these products after a month of testing on "
                        f"{concern}; the external lab results are linked below.",
                    ]
                )
            )
        )

    def farm_link(self, anchor: str) -> str:
        return _a(f"https://{self.rnd.choice(FARM_HOSTS)}/{self.slug()}/", anchor)

    def spam(self) -> None:
        form = self.rnd.choice(
            ["promo", "list", "list_ul", "list_text", "placeholder", "money", "orphan"]
        )
        if form == "promo":
            link = self.farm_link(self.rnd.choice(PROMO_ANCHORS))
            cluster = self.rnd.choice(PROMO_CLUSTERS).format(link=link)
            self.add(self.p(f"{self.paragraph(3)} {cluster}"))
        elif form.startswith("list"):
            anchors = self.rnd.sample(ITEM_ANCHORS, self.rnd.randint(2, 5))
            lead = self.p(self.rnd.choice(LEAD_INS))
            if form == "list":
                items = "".join(self.p(self.farm_link(anchor)) for anchor in anchors)
            elif form == "list_ul":
                links = "".join(f"<li>{self.farm_link(anchor)}</li>" for anchor in anchors)
                items = f"<ul>{links}</ul>"
            else:
                items = "".join(self.p(anchor) for anchor in anchors)
            self.add(lead + items)
        elif form == "placeholder":
            href = self.rnd.choice(PLACEHOLDER_HREFS)
            notes = _a(href, self.fill("our {ing} notes"))
            self.add(self.p(f"{self.sentence()[:-1]}, see {notes}."))
            related = _a(href, f"Related post {self.rnd.randint(1, 9)}")
            self.add(f"<ul><li>{self.sentence()}</li><li>{related}</li></ul>")
        elif form == "money":
            href, anchor = self.rnd.choice(MONEY_LINKS)
            concern = self.rnd.choice(CONCERNS)
            self.add(
                self.p(f"Many readers pick a {_a(href, anchor)} before reading about {concern}.")
            )
        else:
            for anchor in self.rnd.sample(ITEM_ANCHORS, 3):
                self.add(self.p(self.farm_link(anchor)))


def body(rnd: random.Random, *, spammy: bool) -> str:
    """One article body of about TARGET_BYTES."""
    writer = _Writer(rnd)
    spam_at = {rnd.randint(5, 60) for _ in range(rnd.randint(1, 3))} if spammy else set()
    blocks = 0
    while writer.size < TARGET_BYTES:
        if blocks in spam_at:
            writer.spam()
        writer.clean_block()
        blocks += 1
    if spammy and not spam_at & set(range(blocks)):
        writer.spam()
    return "".join(writer.parts)


def bodies(count: int, seed: int = 20_260_101) -> Iterator[tuple[bool, str]]:
    """(is_spammy, html) pairs; the same seed always gives the same bodies."""
    rnd = random.Random(seed)
    for _ in range(count):
        spammy = rnd.random() < SPAM_SHARE
        yield spammy, body(rnd, spammy=spammy)
