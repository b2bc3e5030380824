"""Demo authors and the shared reference list; plus tiny helpers for writing rich text."""

from __future__ import annotations

MAYA = {
    "slug": "maya-okafor",
    "name": "Dr Maya Okafor",
    "role": "Medical reviewer",
    "credentials": "MD, board-certified dermatologist",
    "bio": "<p>Maya treats acne scarring and pigmentation in a hospital clinic and reviews every "
    "procedure article on this site before it goes live.</p>",
    "website": "https://maya-okafor-dermatology.example.org/",
    "links": [("Clinic profile", "https://clinic.example.org/staff/maya-okafor")],
    "expertise": ["acne scarring", "pigmentation", "procedures"],
    "can_review": True,
    "colour": (120, 160, 190),
}
LENA = {
    "slug": "lena-hart",
    "name": "Lena Hart",
    "role": "Senior editor",
    "credentials": "Licensed esthetician",
    "bio": "<p>Lena spent ten years in treatment rooms before writing about skin. She tests the "
    "tools we review and writes our aftercare guides.</p>",
    "website": "",
    "links": [],
    "expertise": ["microneedling", "home devices", "aftercare"],
    "can_review": False,
    "colour": (200, 140, 150),
}
AUTHORS = [MAYA, LENA]

CITATIONS = [
    {
        "authors": "Fernandes D",
        "title": "Minimally invasive percutaneous collagen induction",
        "publisher": "Oral and Maxillofacial Surgery Clinics of North America",
        "year": 2005,
        "doi": "10.1016/j.coms.2004.09.004",
        "pmid": "18088764",
        "url": "",
    },
    {
        "authors": "Alster TS, Graham PM",
        "title": "Microneedling: a review and practical guide",
        "publisher": "Dermatologic Surgery",
        "year": 2018,
        "doi": "10.1097/DSS.0000000000001248",
        "pmid": "28796657",
        "url": "",
    },
    {
        "authors": "Singh A, Yadav S",
        "title": "Microneedling: advances and widening horizons",
        "publisher": "Indian Dermatology Online Journal",
        "year": 2016,
        "doi": "10.4103/2229-5178.185468",
        "pmid": "27559496",
        "url": "",
    },
]


def _p(*sentences: str) -> str:
    return "<p>" + " ".join(sentences) + "</p>"


def _citations(indexes: list[int]) -> dict:
    return {
        "type": "citations",
        "value": {"heading": "References", "items": [CITATIONS[i] for i in indexes]},
    }
