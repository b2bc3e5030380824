"""FAQs, reference lists and study claims: the sections that carry sources and questions."""

from __future__ import annotations

import re

from importer.parser.structure.markup import p_html

FAQ_RE = re.compile(
    r"^(faqs?|frequently asked questions|common questions|your questions answered)\b", re.I
)
CITATIONS_RE = re.compile(
    r"^(references|sources|citations|bibliography|studies cited|works cited|research)\s*:?$", re.I
)
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


class ReferenceSections:
    """Builder steps for reference lists, FAQ runs and study-claim notes."""

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
