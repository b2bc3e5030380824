"""Typed blocks from classified body lines: benefits, phases, FAQs, callouts, citations, review
sections, then headings and paragraphs; stored in the JSON shape of pages/blocks/."""

from __future__ import annotations

import html as html_lib
import re
import uuid
from dataclasses import dataclass, field

from importer.parser import phases as tf
from importer.parser import review as rv
from importer.parser.lines import BodyLine
from importer.parser.model import Benefit, Phase, Spec

BENEFIT_CONTEXT_RE = re.compile(
    r"\b(benefits?|advantages?|perks|reasons (to|why)|ways\b.{0,60}\b(improve|help|boost|benefit|transform|change))",
    re.I,
)
END_SECTION_RE = re.compile(
    r"^(conclusion|in conclusion|final (thoughts|words)|summary|the takeaway|takeaways?|key takeaways|"
    r"wrapping up|bottom line|the bottom line|verdict|faqs?|frequently asked questions|references|sources)\b",
    re.I,
)
FAQ_RE = re.compile(
    r"^(faqs?|frequently asked questions|common questions|your questions answered)\b", re.I
)
CITATIONS_RE = re.compile(
    r"^(references|sources|citations|bibliography|studies cited|works cited|research)\s*:?$", re.I
)
CALLOUT_RE = re.compile(
    r"^(pro tip|quick tip|tip|note|please note|editor'?s note|warning|caution|important|safety note|"
    r"when to see a (doctor|dermatologist|professional))\s*[:!–—-]\s*(.+)$",
    re.I,
)
_CALLOUT_KIND = {
    "warning": "warning",
    "caution": "warning",
    "important": "warning",
    "safety note": "warning",
}
DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)])", re.I)
PMID_RE = re.compile(r"\bPMID\s*:?\s*(\d{1,9})\b|pubmed\.ncbi\.nlm\.nih\.gov/(\d{1,9})", re.I)
YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
URL_RE = re.compile(r"https?://[^\s<>\"]+")
STUDY_RE = re.compile(
    r"\b(?i:a|an|one|another|the|recent|this)\s+(?:\d{4}\s+|recent\s+|small\s+|large\s+|clinical\s+|randomi[sz]ed\s+)*"
    r"(study|trial|review|meta-analysis|research article|paper|survey|analysis)\b[^.]{0,80}?"
    r"\b(published in|in the journal|from|in|by)\s+(the\s+)?[A-Z]"
    r"|\b(?i:according to) (the\s+)?[A-Z][\w&]*(\s+[A-Z][\w&]*){0,6}"
    r"|\b(?i:researchers) (at|from) (the\s+)?[A-Z]",
)
_SENTENCE_RE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


@dataclass
class Built:
    blocks: list[dict] = field(default_factory=list)
    body_text: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    pros: list[str] = field(default_factory=list)
    cons: list[str] = field(default_factory=list)
    specs: list[Spec] = field(default_factory=list)
    verdict: str = ""
    conclusion: str = ""
    rating: tuple[float, int] | None = None


def p_html(line: BodyLine | str) -> str:
    if isinstance(line, BodyLine):
        return (
            f"<p>{line.html}</p>"
            if line.html and _plain(line.html) == line.text
            else f"<p>{html_lib.escape(line.text, quote=False)}</p>"
        )
    return f"<p>{html_lib.escape(line, quote=False)}</p>"


def _plain(markup: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", markup)).split())


class Builder:
    """One pass over the body lines, trying the typed builders at each position."""

    def __init__(self, lines: list[BodyLine], key: str, is_review: bool) -> None:
        self.lines = lines
        self.key = key
        self.is_review = is_review
        self.out = Built()
        self._ids = 0

    def block(self, kind: str, value) -> None:
        self._ids += 1
        block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.key}#{self._ids}"))
        self.out.blocks.append({"type": kind, "value": value, "id": block_id})

    def item(self, value: dict) -> dict:
        self._ids += 1
        return {
            "type": "item",
            "value": value,
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.key}#i{self._ids}")),
        }

    def run(self) -> Built:
        i = 0
        while i < len(self.lines):
            consumed = (
                self.review_section(i)
                or self.citations(i)
                or self.faq(i)
                or self.phase_items(i)
                or self.phase_headings(i)
                or self.benefit_run(i)
                or self.callout(i)
                or self.plain(i)
            )
            i += consumed
        self.study_notes()
        return self.out

    # --- helpers ---------------------------------------------------------------------------

    def section_end(self, start: int) -> int:
        j = start
        while j < len(self.lines) and self.lines[j].kind != "heading":
            j += 1
        return j

    def take_block_heading(self, default: str) -> tuple[str, str]:
        """Use a heading (and a lead-in ending in ':') just emitted as the typed block's own."""
        intro = ""
        blocks = self.out.blocks
        if (
            blocks
            and blocks[-1]["type"] == "paragraph"
            and _plain(blocks[-1]["value"]).endswith(":")
        ):
            intro = blocks.pop()["value"]
        if blocks and blocks[-1]["type"] == "heading":
            return blocks.pop()["value"]["text"], intro
        return default, intro

    def lead(self, i: int) -> str:
        """The heading or paragraph just before position i, for context."""
        return self.lines[i - 1].text if i > 0 else ""

    # --- builders --------------------------------------------------------------------------

    def review_section(self, i: int) -> int:
        line = self.lines[i]
        rating = rv.parse_rating(line.text) if len(line.text.split()) <= 8 else None
        if rating and not self.out.rating:
            self.out.rating = rating
            return 1
        if line.kind != "heading" and not (
            line.kind == "para" and line.text.endswith(":") and len(line.text.split()) <= 5
        ):
            if line.kind in ("para", "item") and re.match(
                r"^(pros|cons)\s*:\s*\S", line.text, re.I
            ):
                points = rv.split_points(line.text)
                (self.out.pros if line.text.lower().startswith("pros") else self.out.cons).extend(
                    points
                )
                return 1
            if self.is_review and line.kind in ("para", "item", "heading"):
                spec = rv.parse_spec(line.text, in_specs_section=False)
                if spec:
                    self.out.specs.append(spec)
                    return 1
            return 0
        text = line.stripped.rstrip(":")
        end = self.section_end(i + 1)
        body = self.lines[i + 1 : end]
        if rv.PROS_RE.match(text) or rv.CONS_RE.match(text):
            target = self.out.pros if rv.PROS_RE.match(text) else self.out.cons
            target.extend(b.text.strip(" .") for b in body)
            return end - i
        if rv.SPECS_RE.match(text) and body:
            specs = [rv.parse_spec(b.text, in_specs_section=True) for b in body]
            if all(specs):
                self.out.specs.extend(specs)
                return end - i
        if self.is_review and rv.VERDICT_RE.match(text) and body:
            rest = [b for b in body if not rv.parse_rating(b.text)]
            for b in body:
                if rv.parse_rating(b.text) and not self.out.rating:
                    self.out.rating = rv.parse_rating(b.text)
            self.out.verdict = " ".join(b.text for b in rest)
            return end - i
        return 0

    def citations(self, i: int) -> int:
        line = self.lines[i]
        if line.kind == "heading" or (line.kind == "para" and len(line.text.split()) <= 3):
            if not CITATIONS_RE.match(line.text.strip()):
                return 0
        else:
            return 0
        end = self.section_end(i + 1)
        refs = list(self.lines[i + 1 : end])
        if not refs:
            return 0
        items = [parse_reference(b.text) for b in refs]
        self.out.citations.extend(items)
        self.out.body_text.extend([line.text, *(b.text for b in refs)])
        self.out.headings.append(line.text)
        self.block(
            "citations", {"heading": line.text.rstrip(":"), "items": [self.item(c) for c in items]}
        )
        return end - i

    def faq(self, i: int) -> int:
        line = self.lines[i]
        under_faq = line.kind == "heading" and FAQ_RE.match(line.text)
        start = i + 1 if under_faq else i
        if not under_faq and not (line.kind == "heading" and line.text.endswith("?")):
            return 0
        pairs, j = [], start
        while j < len(self.lines):
            q = self.lines[j]
            if (
                not q.text.endswith("?")
                or q.kind == "item"
                or (not under_faq and q.kind != "heading")
            ):
                break
            k = j + 1
            while (
                k < len(self.lines)
                and self.lines[k].kind != "heading"
                and not self.lines[k].text.endswith("?")
            ):
                k += 1
            answers = self.lines[j + 1 : k]
            if not answers:
                break
            pairs.append((q, answers))
            j = k
        if (under_faq and pairs) or len(pairs) >= 3:
            heading = line.text if under_faq else "Frequently asked questions"
            if under_faq:
                self.out.body_text.append(line.text)
                self.out.headings.append(line.text)
            items = []
            for q, answers in pairs:
                self.out.body_text.extend([q.text, *(a.text for a in answers)])
                items.append(
                    self.item(
                        {"question": q.stripped, "answer": "".join(p_html(a) for a in answers)}
                    )
                )
            self.block("faq", {"heading": heading, "items": items})
            return j - i
        return 0

    def phase_items(self, i: int) -> int:
        """'Inflammatory Phase: Promptly after ...' items, or timeframe-labelled items."""
        run: list[tuple[BodyLine, Phase]] = []
        j = i
        while j < len(self.lines) and self.lines[j].kind in ("item", "para"):
            line = self.lines[j]
            split = line.label_rest()
            if not split:
                break
            label, rest = split
            if tf.has_timeframe(label):
                name, when = tf.split_phase_heading(label)
                if name == label:
                    name = when = label
            elif tf.PHASE_WORD_RE.search(label):
                name, when = label, tf.timing_clause(rest)
            else:
                break
            start, end = tf.parse_timeframe(when) if when else (None, None)
            run.append((line, Phase(name, when, start, end, rest)))
            j += 1
        if len(run) < 2:
            return 0
        self.emit_phases([p for _line, p in run], [line.text for line, _p in run])
        return j - i

    def phase_headings(self, i: int) -> int:
        """Headings such as 'Days 1–2:' or 'Inflammatory Phase (Days 1–3)', each with text."""
        run, j = [], i
        while j < len(self.lines):
            head = self.lines[j]
            is_head = head.kind == "heading" or (
                head.number is not None and len(head.text.split()) <= 8
            )
            if not is_head or not (
                tf.has_timeframe(head.stripped)
                or (tf.PHASE_WORD_RE.search(head.text) and len(head.text.split()) <= 8)
            ):
                break
            k = j + 1
            while (
                k < len(self.lines)
                and self.lines[k].kind != "heading"
                and not (
                    self.lines[k].number is not None and tf.has_timeframe(self.lines[k].stripped)
                )
            ):
                k += 1
            body = self.lines[j + 1 : k]
            if not body:
                break
            name, label = tf.split_phase_heading(head.text)
            description = " ".join(b.text for b in body)
            if not label:
                label = tf.timing_clause(description)
            start, end = tf.parse_timeframe(label) if label else (None, None)
            run.append((head, body, Phase(name, label, start, end, description)))
            j = k
        if len(run) < 2 or not any(p.start for _h, _b, p in run):
            return 0
        texts = [t for head, body, _p in run for t in (head.text, *(b.text for b in body))]
        self.emit_phases([p for _h, _b, p in run], texts)
        return j - i

    def emit_phases(self, found: list[Phase], texts: list[str]) -> None:
        heading, intro = self.take_block_heading("Timeline")
        items = []
        for phase in found:
            self.out.phases.append(phase)
            if phase.start is None or phase.start.get("value") is None:
                self.out.notes.append(
                    (
                        "phase_timing",
                        f"Set when '{phase.name}' starts: the text says '{phase.label or 'nothing'}'.",
                    )
                )
            items.append(
                self.item(
                    {
                        "name": phase.name[:120],
                        "label": phase.label[:120],
                        "start": phase.start or {"value": None, "unit": "days"},
                        "end": phase.end
                        or {"value": None, "unit": (phase.start or {}).get("unit", "days")},
                        "description": p_html(phase.description),
                    }
                )
            )
        self.out.body_text.extend(texts)
        self.block("phases", {"heading": heading, "intro": intro, "items": items})

    def benefit_run(self, i: int) -> int:
        line = self.lines[i]
        # Form 1: numbered title lines ('1. Enhanced Skin Rejuvenation') each with an explanation.
        # Form 2: 'Title: explanation' items. Form 3: headings after a benefits lead.
        run: list[tuple[list[str], Benefit]] = []
        j = i
        numbered = (
            line.number is not None
            and (line.kind == "heading" or len(line.text.split()) <= 10)
            and not line.text.endswith("?")
        )
        labelled = line.kind == "item" and line.label_rest() is not None
        context = BENEFIT_CONTEXT_RE.search(self.lead(i)) or (
            i > 1
            and self.lines[i - 1].kind == "para"
            and BENEFIT_CONTEXT_RE.search(self.lines[i - 2].text)
        )
        by_heading = line.kind == "heading" and context and not END_SECTION_RE.match(line.text)
        if not (numbered or labelled or by_heading):
            return 0
        while j < len(self.lines):
            head = self.lines[j]
            if END_SECTION_RE.match(head.stripped) or head.text.endswith("?"):
                break
            if labelled:
                split = head.label_rest() if head.kind == "item" else None
                if not split or len(split[1].split()) < 4:
                    break
                run.append(([head.text], Benefit(split[0], split[1])))
                j += 1
                continue
            if numbered and head.number is None:
                break
            if by_heading and head.kind != "heading":
                break
            if not numbered and head.kind != "heading":
                break
            k = j + 1
            while (
                k < len(self.lines)
                and self.lines[k].kind != "heading"
                and self.lines[k].number is None
            ):
                k += 1
            body = self.lines[j + 1 : k]
            if not body or len(head.stripped.split()) > 12:
                break
            run.append(
                (
                    [head.text, *(b.text for b in body)],
                    Benefit(head.stripped.rstrip(":."), " ".join(b.text for b in body)),
                )
            )
            j = k
        if len(run) < 2:
            return 0
        heading, intro = self.take_block_heading("Benefits")
        items = []
        for texts, benefit in run:
            self.out.benefits.append(benefit)
            self.out.body_text.extend(texts)
            items.append(
                self.item(
                    {
                        "title": benefit.title[:160],
                        "explanation": p_html(benefit.explanation),
                        "citations": "",
                    }
                )
            )
        self.block("benefits", {"heading": heading, "intro": intro, "items": items})
        return j - i

    def callout(self, i: int) -> int:
        line = self.lines[i]
        match = CALLOUT_RE.match(line.text) if line.kind != "heading" else None
        if not match:
            return 0
        word = match.group(1).lower()
        kind = _CALLOUT_KIND.get(
            word,
            "professional"
            if word.startswith("when to see")
            else ("note" if "note" in word else "tip"),
        )
        self.out.body_text.append(line.text)
        self.block(
            "callout",
            {
                "kind": kind,
                "title": match.group(1).strip().capitalize(),
                "body": p_html(match.group(3)),
            },
        )
        return 1

    def plain(self, i: int) -> int:
        line = self.lines[i]
        if line.kind == "heading":
            if END_SECTION_RE.match(line.text) and self.is_review is False:
                pass
            self.out.headings.append(line.text)
            self.out.body_text.append(line.text)
            self.block("heading", {"text": line.text[:120], "level": line.level, "anchor": ""})
            if re.match(
                r"^(conclusion|final thoughts|bottom line|the bottom line|summary)", line.text, re.I
            ):
                end = self.section_end(i + 1)
                self.out.conclusion = " ".join(b.text for b in self.lines[i + 1 : end])
            return 1
        if line.kind == "item":
            j = i
            items = []
            while j < len(self.lines) and self.lines[j].kind == "item":
                items.append(self.lines[j])
                j += 1
            tag = "ol" if any(x.number is not None for x in items) else "ul"
            inner = "".join(f"<li>{p_html(x)[3:-4]}</li>" for x in items)
            self.out.body_text.extend(x.text for x in items)
            self.block("paragraph", f"<{tag}>{inner}</{tag}>")
            return j - i
        self.out.body_text.append(line.text)
        self.block("paragraph", p_html(line))
        return 1

    def study_notes(self) -> None:
        for text in self.out.body_text:
            for sentence in _SENTENCE_RE.findall(text):
                if STUDY_RE.search(sentence):
                    self.out.notes.append(("study_claim", sentence.strip()))
            for doi in DOI_RE.findall(text):
                if not any(c.get("doi") == doi for c in self.out.citations):
                    self.out.notes.append(("citation_doi", doi))


def parse_reference(text: str) -> dict:
    """One reference line in the stored CitationBlock shape; missing parts stay blank."""
    doi = DOI_RE.search(text)
    pmid = PMID_RE.search(text)
    year = YEAR_RE.search(text)
    url = URL_RE.search(text)
    core = URL_RE.sub("", DOI_RE.sub("", PMID_RE.sub("", text)))
    core = re.sub(r"\b(doi|pmid)\s*:?", "", core, flags=re.I)
    parts = [p.strip(" .") for p in re.split(r"\.\s+", core) if p.strip(" .")]
    authors, title, publisher = "", core.strip(" ."), ""
    if len(parts) >= 2 and (
        len(parts[0].split()) <= 12
        and ("," in parts[0] or re.search(r"\b[A-Z]{1,3}$", parts[0]) or "et al" in parts[0])
    ):
        authors, title = parts[0], parts[1]
        publisher = parts[2] if len(parts) > 2 else ""
    elif len(parts) >= 2:
        title, publisher = parts[0], parts[1]
    publisher = re.sub(r"\(?\b(19|20)\d{2}\b.*$", "", publisher).strip(" .;,(")
    title = re.sub(r"\s*\((19|20)\d{2}\)\s*$", "", title).strip(" .")
    return {
        "authors": authors[:300],
        "title": title[:300] or text[:300],
        "publisher": publisher[:200],
        "year": int(year.group(1)) if year else None,
        "doi": doi.group(1) if doi else "",
        "pmid": (pmid.group(1) or pmid.group(2)) if pmid else "",
        "url": url.group(0) if url else "",
    }
