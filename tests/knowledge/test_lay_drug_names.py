"""Medicines asked for by their lay names find the drug class the articles name.

Every article and question here is written for these tests."""
# ruff: noqa: E501  (articles keep a paragraph on one line)

from __future__ import annotations

import pytest

from krampe.knowledge.kb import KnowledgeBase
from tests.knowledge.helpers import kb_from, top_answer

DRUGS = """# Medicin og lægkramper

## Kolesterol

Statiner giver hos enkelte ømme muskler og kramper i læggene. Tal med lægen, før du holder pause med dem.

## Astma

Inhaleret salbutamol kan give rysten og i sjældne tilfælde kramper, især i store doser.

## Væske

Diuretika udskiller salte med urinen, og lavt kalium kan give kramper om natten.

## Søvn

Et fast sengetidspunkt og et køligt soveværelse giver en roligere nat.
"""


@pytest.fixture(scope="module")
def drugs(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return kb_from(tmp_path_factory.mktemp("drugs"), {"medicin.md": DRUGS}, use_cache=False)


@pytest.mark.parametrize(("question", "expected"), [
    ("kan mine kolesterolpiller give kramper", "Statiner"),
    ("jeg tager ventolin, får jeg krampe af det?", "salbutamol"),
    ("kramper af vandpiller?", "Diuretika"),
])
def test_a_lay_name_finds_its_drug_class(drugs: KnowledgeBase, question: str, expected: str):
    assert expected in top_answer(drugs, question)
