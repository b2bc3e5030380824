"""Benefit runs, callouts, review sections and the plain headings, paragraphs and lists."""

from __future__ import annotations

import re

from importer.parser import review as rv
from importer.parser.model import Benefit
from importer.parser.structure.markup import p_html

BENEFIT_CONTEXT_RE = re.compile(
    r"\b(benefits?|advantages?|perks|reasons (to|why|your)|what .{1,40} can do|"
    r"ways\b.{0,60}\b(improve|help|boost|benefit|transform|change))",
    re.I,
)
END_SECTION_RE = re.compile(
    r"^(conclusion|in conclusion|final (thoughts|words)|summary|the takeaway|takeaways?|key takeaways|"
    r"wrapping up|bottom line|the bottom line|verdict|faqs?|frequently asked questions|references|sources)\b",
    re.I,
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


class ProseSections:
    """Builder steps for review sections, benefits, callouts and plain text."""

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
            # A rating line ('Score: 7/10') closes the list: it is the review's score, not a point.
            end = next((k for k in range(i + 1, end) if rv.parse_rating(self.lines[k].text)), end)
            target = self.out.pros if rv.PROS_RE.match(text) else self.out.cons
            target.extend(b.text.strip(" .") for b in self.lines[i + 1 : end])
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
        context = BENEFIT_CONTEXT_RE.search(self.lead(i)) or (
            i > 1
            and self.lines[i - 1].kind == "para"
            and BENEFIT_CONTEXT_RE.search(self.lines[i - 2].text)
        )
        # A title such as 'Three Reasons to ...' announces the run when no lead-in does; then
        # the run must be longer, as one or two headings may be any section.
        title_context = not context and bool(BENEFIT_CONTEXT_RE.search(self.title))
        # 'Label: explanation' lines are benefits only where the text says they are: the same
        # shape lists mistakes, tips or symptoms.
        labelled = (
            line.kind in ("item", "para")
            and line.label_rest() is not None
            and bool(context or title_context)
        )
        by_heading = (
            line.kind == "heading"
            and (context or title_context)
            and not END_SECTION_RE.match(line.text)
        )
        if not (numbered or labelled or by_heading):
            return 0
        while j < len(self.lines):
            head = self.lines[j]
            if END_SECTION_RE.match(head.stripped) or head.text.endswith("?"):
                break
            if labelled:
                split = head.label_rest() if head.kind == line.kind else None
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
        if len(run) < (3 if title_context and not labelled else 2):
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
