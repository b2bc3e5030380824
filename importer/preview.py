"""What the preview shows for one post: each source line beside what it became."""

from __future__ import annotations

from dataclasses import dataclass

from importer.parser.model import ImportedPost, SourceDoc
from importer.parser.repairs import repair
from importer.scoring import norm


@dataclass(frozen=True)
class SourceRow:
    text: str
    tag: str
    role: str  # "title", "benefit", "phase", "question", "heading", "body", "dropped", "meta"
    reason: str = ""


@dataclass(frozen=True)
class PostPreview:
    upload: str
    post: ImportedPost
    rows: tuple[SourceRow, ...]
    faq: tuple[str, ...]


def _faq_questions(post: ImportedPost) -> tuple[str, ...]:
    return tuple(
        item["value"]["question"]
        for block in post.blocks
        if block["type"] == "faq"
        for item in block["value"]["items"]
    )


def build(upload: str, doc: SourceDoc, post: ImportedPost) -> PostPreview:
    """Label every source line: dropped (with why), title, benefit, phase, question or body."""
    dropped: dict[str, list[str]] = {}
    for item in post.dropped:
        dropped.setdefault(norm(item.text), []).append(item.reason)
    faq = _faq_questions(post)
    roles = {norm(post.title): "title"}
    roles |= {norm(b.title): "benefit" for b in post.benefits}
    roles |= {norm(p.name): "phase" for p in post.phases}
    roles |= {norm(q): "question" for q in faq}
    roles |= {norm(h): "heading" for h in post.headings}
    body = {norm(t) for t in post.body_text} | {norm(post.dek)}
    rows = []
    for line in doc.lines:
        text = repair(line.text)[0]
        key = norm(text)
        if dropped.get(key):
            rows.append(SourceRow(text, line.tag, "dropped", dropped[key].pop(0)))
        elif key in roles:
            rows.append(SourceRow(text, line.tag, roles[key]))
        elif any(key.startswith(norm(b.title)) for b in post.benefits if b.title):
            rows.append(SourceRow(text, line.tag, "benefit"))
        elif key in body:
            rows.append(SourceRow(text, line.tag, "body"))
        else:
            rows.append(SourceRow(text, line.tag, "meta"))  # read into a field (review, dates)
    return PostPreview(upload, post, tuple(rows), faq)
