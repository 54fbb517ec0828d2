"""Every article's evidence box against the clinical facts sheet (§3): the
label each therapy earns, findings beside claims, and every author and year
in the box backed by a source the article cites."""

from __future__ import annotations

import re

import pytest

from companion.core.content.library import Article, load_library
from companion.core.content.parse import EVIDENCE_LABELS

LIBRARY = load_library()

LABELS = {
    # NICE NG59: do not offer traction; Cochrane (Wegner 2013): little or no difference
    "decompression": ("not recommended by guidelines", ""),
    # one pilot trial of 24 (Prasad 2012): not proof
    "inversion": ("little or no evidence", ""),
    # Cochrane (Furlan 2015): low-quality, short-term relief; NICE only with exercise
    "massage": ("some evidence", ""),
    # NICE NG59: exercise is the core treatment
    "stretching": ("recommended by guidelines", ""),
    # no trial of the stretch itself: the evidence is for exercise in general
    "piriformis-figure-4": ("some evidence", "exercise and stretching in general"),
    "knee-to-opposite-shoulder": ("some evidence", "exercise and stretching in general"),
}


def evidence_text(article: Article) -> str:
    evidence = article.evidence
    return " ".join((evidence.guidelines, evidence.trials, evidence.claims))


def test_every_article_has_its_label_from_the_facts_sheet() -> None:
    assert set(LABELS) == set(LIBRARY.articles)
    for article_id, (label, scope) in LABELS.items():
        evidence = LIBRARY.article(article_id).evidence
        assert (evidence.label, evidence.scope) == (label, scope), article_id
        assert evidence.label in EVIDENCE_LABELS


@pytest.mark.parametrize("article_id", sorted(LABELS))
def test_findings_stand_beside_the_claims(article_id: str) -> None:
    evidence = LIBRARY.article(article_id).evidence
    assert "NICE NG59" in evidence.guidelines
    assert len(evidence.trials.split()) >= 15
    assert evidence.claims.startswith(("Enthusiast", "Providers"))


def test_a_stretch_without_its_own_trial_says_the_evidence_is_general() -> None:
    for article in LIBRARY.articles.values():
        if "no trial of this" in article.evidence.trials:
            assert article.evidence.scope, article.id
            assert article.evidence.shown_label.endswith("in general)")


CITATION = re.compile(r"([A-Z][a-z]+(?:(?:,| &| and) [A-Z][a-z]+)*) ((?:19|20)\d\d)\b")
"""``Friberg 1985``, ``Bandy, Irion & Briggler 1997``, ``Cochrane, Hayden 2021``."""


def first_author(author: str) -> str:
    return author.split()[0].rstrip(",") if author else ""


@pytest.mark.parametrize("article_id", sorted(LABELS))
def test_every_author_and_year_in_the_evidence_is_a_cited_source(article_id: str) -> None:
    article = LIBRARY.article(article_id)
    text = evidence_text(article)
    cited = [LIBRARY.sources[s] for s in article.sources]
    by_author = {(first_author(source.author), str(source.year)) for source in cited}
    cited_years = {year for _, year in by_author}
    for year in re.findall(r"\b(?:19|20)\d\d\b", text):
        assert year in cited_years, f"{article_id}: {year} is not the year of a cited source"
    for names, year in CITATION.findall(text):
        surnames = re.findall(r"[A-Z][a-z]+", names)
        assert any((name, year) in by_author for name in surnames), f"{article_id}: {names} {year}"
    authors = {first_author(source.author) for source in cited}
    for source in LIBRARY.sources.values():
        surname = first_author(source.author)
        if len(surname) > 3 and re.search(rf"\b{surname}\b", text):
            assert surname in authors, f"{article_id} names {surname} without citing them"


def test_the_inversion_heart_figures_come_from_the_verified_source() -> None:
    heng = LIBRARY.sources["heng-1992"]
    assert heng.year == 1992 and heng.author.startswith("Heng MK")
    assert heng.title == "Changes in cardiovascular function during inversion"
    assert "International Journal of Sports Medicine 13(1):69" in heng.publisher
    assert "lemarr-1984" not in LIBRARY.sources
    inversion = LIBRARY.article("inversion")
    assert "heng-1992" in inversion.sources
    assert "110/77" not in inversion.evidence.trials + inversion.body
    for question_id in ("high-blood-pressure", "heart-or-stroke"):
        question = LIBRARY.rules.question(question_id)
        assert "heng-1992" in question.sources
        assert "110/77" not in question.why
