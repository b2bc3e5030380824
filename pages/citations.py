"""Where a citation's DOI and PubMed ID lead: one rule for the site, the API and the link checker."""

from __future__ import annotations

from urllib.parse import quote

DOI_BASE = "https://doi.org/"
PUBMED_BASE = "https://pubmed.ncbi.nlm.nih.gov/"


def doi_url(doi: str) -> str:
    """The resolver URL of a DOI (its suffix may hold characters that need escaping)."""
    return DOI_BASE + quote(doi.strip(), safe="/:;()._-<>[]")


def pubmed_url(pmid: str) -> str:
    """The PubMed page of a PMID."""
    return f"{PUBMED_BASE}{pmid.strip()}/"
