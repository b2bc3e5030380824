"""Demo authors and the shared reference list; plus tiny helpers for writing rich text."""

from __future__ import annotations

MAYA = {
    "slug": "maya-okafor",
    "name": "Dr Maya Okafor",
    "role": "Consultant dermatologist",
    "credentials": "MD, board-certified dermatologist",
    "bio": "<p>Maya treats acne scarring and pigmentation in a hospital clinic and reviews every "
    "procedure article on this site before it goes live.</p>",
    "website": "https://maya-okafor-dermatology.example.org/",
    "links": [("Clinic profile", "https://clinic.example.org/staff/maya-okafor")],
    "expertise": ["acne scarring", "pigmentation", "procedures"],
    "can_review": True,
    "colour": (64, 104, 140),
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
    "colour": (176, 96, 110),
}
PRIYA = {
    "slug": "priya-raman",
    "name": "Priya Raman",
    "role": "Aesthetic nurse",
    "credentials": "RN, aesthetic nurse practitioner",
    "bio": "<p>Priya runs the peel and LED clinic at a dermatology practice and writes about "
    "recovery: what to expect after a treatment, day by day, and when to pick up the phone.</p>",
    "website": "https://priya-raman-aesthetics.example.org/",
    "links": [("Practice profile", "https://clinic.example.org/staff/priya-raman")],
    "expertise": ["chemical peels", "LED therapy", "aftercare"],
    "can_review": False,
    "colour": (46, 120, 104),
}
JONAS = {
    "slug": "jonas-meyer",
    "name": "Dr Jonas Meyer",
    "role": "Dermatologist",
    "credentials": "MD, dermatology and venereology",
    "bio": "<p>Jonas sees patients with sensitive and sun-damaged skin and reviews our articles "
    "on actives, sunscreens and everyday routines.</p>",
    "website": "",
    "links": [],
    "expertise": ["sun protection", "retinoids", "sensitive skin"],
    "can_review": True,
    "colour": (120, 92, 150),
}
AUTHORS = [MAYA, LENA, PRIYA, JONAS]

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

# References cited by the later guides; title, publisher and year only, so the demo invents
# no identifiers.
CITATIONS += [
    {
        "authors": "Kafi R, Kwak HSR, Schumacher WE, et al.",
        "title": "Improvement of naturally aged skin with vitamin A (retinol)",
        "publisher": "Archives of Dermatology",
        "year": 2007,
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "authors": "Mukherjee S, Date A, Patravale V, et al.",
        "title": "Retinoids in the treatment of skin aging: an overview of clinical efficacy "
        "and safety",
        "publisher": "Clinical Interventions in Aging",
        "year": 2006,
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "authors": "Hughes MCB, Williams GM, Baker P, Green AC",
        "title": "Sunscreen and prevention of skin aging: a randomized trial",
        "publisher": "Annals of Internal Medicine",
        "year": 2013,
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "authors": "Soleymani T, Lanoue J, Rahman Z",
        "title": "A practical approach to chemical peels: a review of fundamentals and "
        "step-by-step algorithmic protocol for treatment",
        "publisher": "Journal of Clinical and Aesthetic Dermatology",
        "year": 2018,
        "doi": "",
        "pmid": "",
        "url": "",
    },
    {
        "authors": "Avci P, Gupta A, Sadasivam M, et al.",
        "title": "Low-level laser (light) therapy (LLLT) in skin: stimulating, healing, restoring",
        "publisher": "Seminars in Cutaneous Medicine and Surgery",
        "year": 2013,
        "doi": "",
        "pmid": "",
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
