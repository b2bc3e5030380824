"""What readers produce (neutral lines) and what the parser returns (ImportedPost)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Tags a reader may give a line: h1-h4 headings, p paragraphs, li/oli bullet and numbered items,
# and cues a format knows for sure (caption, alt, chrome) so the boundary rules need not guess.
LINE_TAGS = frozenset({"h1", "h2", "h3", "h4", "p", "li", "oli", "caption", "alt", "chrome", "td"})


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a legacy post as a reader saw it."""

    text: str
    tag: str = "p"
    html: str = ""  # inline markup (links, emphasis) when the format had it


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A legacy post as neutral lines plus any metadata its format carries (WXR, front matter)."""

    source: str
    lines: tuple[SourceLine, ...]
    fmt: str
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    credentials: str = ""

    def as_dict(self) -> dict:
        return {"name": self.name, "credentials": self.credentials}


@dataclass(frozen=True, slots=True)
class AuthorProfile:
    """An 'About X' author box: a draft Author for an editor to complete."""

    name: str
    bio: str
    website: str = ""


@dataclass(frozen=True, slots=True)
class Benefit:
    title: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    label: str
    start: dict | None  # {"value": int | None, "unit": str}, the stored TimeframeBlock shape
    end: dict | None
    description: str
    estimated: bool = False  # the start was inferred (the text gave none); the editor checks it

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "estimated": self.estimated,
            "description": self.description,
        }


@dataclass(frozen=True, slots=True)
class Spec:
    name: str
    value: str
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Review:
    product: str
    rating: float | None
    scale: int | None
    verdict: str
    pros: tuple[str, ...]
    cons: tuple[str, ...]
    specs: tuple[Spec, ...]

    def as_dict(self) -> dict:
        return {
            "product": self.product,
            "rating": self.rating,
            "scale": self.scale,
            "verdict": self.verdict,
            "pros": list(self.pros),
            "cons": list(self.cons),
            "specs": [{"name": s.name, "value": s.value, "unit": s.unit} for s in self.specs],
        }


@dataclass(frozen=True, slots=True)
class Dropped:
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Note:
    kind: str  # "study_claim", "spelling", "phase_timing", "spam", "repair", ...
    text: str


@dataclass(frozen=True, slots=True)
class Attachment:
    """An image a post uses (its featured image or an inline <img>), as the export names it."""

    url: str
    title: str = ""
    alt: str = ""
    role: str = "inline"  # "hero" (WordPress's featured image) or "inline"
    after: str = ""  # plain text just before an inline image, to place its block in the body

    @property
    def file_name(self) -> str:
        return self.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class ImportedPost:
    """A legacy post recovered as this CMS's typed content; JSON via `as_dict()`."""

    source: str
    source_key: str
    kind: str  # "article" | "review"
    title: str
    dek: str
    authors: tuple[Person, ...]
    reviewer: Person | None
    published: str | None  # ISO date
    updated: str | None
    headings: tuple[str, ...]
    benefits: tuple[Benefit, ...]
    phases: tuple[Phase, ...]
    citations: tuple[dict, ...]
    review: Review | None
    disclosure: str | None
    body_text: tuple[str, ...]
    blocks: tuple[dict, ...]
    dropped: tuple[Dropped, ...]
    notes: tuple[Note, ...]
    author_profile: AuthorProfile | None = None
    excerpt: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    media: tuple[Attachment, ...] = ()  # images to bring in when their files are available

    def as_dict(self) -> dict:
        """The `--dry-run --json` shape of one post."""
        return {
            "source": self.source,
            "kind": self.kind,
            "title": self.title,
            "dek": self.dek,
            "authors": [a.as_dict() for a in self.authors],
            "reviewer": self.reviewer.as_dict() if self.reviewer else None,
            "published": self.published,
            "updated": self.updated,
            "headings": list(self.headings),
            "benefits": [{"title": b.title, "explanation": b.explanation} for b in self.benefits],
            "phases": [p.as_dict() for p in self.phases],
            "citations": list(self.citations),
            "review": self.review.as_dict() if self.review else None,
            "disclosure": self.disclosure,
            "body_text": list(self.body_text),
            "blocks": list(self.blocks),
            "dropped": [{"text": d.text, "reason": d.reason} for d in self.dropped],
            "notes": [{"kind": n.kind, "text": n.text} for n in self.notes],
        }
