"""Advice, trigger details and sources come from content-pack sections by tag."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from krampe.triage import advice, triage


def section(article, heading, passage, sources, tags):
    return SimpleNamespace(article_id=article, heading=heading, passages=[passage],
                           sources=sources, tags=tags)


FAKE = {
    "trigger:night": [
        section("a", "Om natten", "Stræk læggen før sengetid.", ["nice-cks-leg-cramps"],
                ["trigger:night"]),
    ],
    "finding:dvt_signs": [
        section("b", "Mange ting", "Generelt afsnit.", ["x"],
                ["finding:dvt_signs", "finding:claudication", "finding:injury_signs"]),
        section("c", "Blodprop", "En hævet, øm læg skal ses i dag.", ["nhs-dvt"],
                ["finding:dvt_signs"]),
    ],
    "level:urgent": [section("d", "I dag", "Ring til lægen i dag.", ["nhs-dvt"],
                             ["level:urgent"])],
}


@pytest.fixture
def fake_pack(monkeypatch):
    import krampe.content.pack as pack

    monkeypatch.setattr(pack, "sections_tagged", lambda tag: FAKE.get(tag, []))
    advice._sections.cache_clear()
    yield
    advice._sections.cache_clear()


def test_advice_and_sources_from_tagged_sections(fake_pack):
    r = triage("Læggen er hævet og øm, og jeg får krampe om natten")
    assert r.level == "urgent"
    # the most specific dvt section first, then the level's section
    assert r.advice == ["En hævet, øm læg skal ses i dag.", "Ring til lægen i dag."]
    detail = r.trigger_details[0]
    assert detail.id == "night" and detail.label == "Om natten"
    assert detail.advice == "Stræk læggen før sengetid."
    assert detail.sources == ["nice-cks-leg-cramps"]
    refs = [(s.source, s.section) for s in r.sources]
    assert ("c", "Blodprop") in refs and ("a", "Om natten") in refs and ("d", "I dag") in refs


def test_nothing_is_invented_without_tagged_sections(monkeypatch):
    import krampe.content.pack as pack

    monkeypatch.setattr(pack, "sections_tagged", lambda tag: [])
    advice._sections.cache_clear()
    try:
        r = triage("Jeg får krampe om natten")
        assert r.advice == [] and r.sources == []
        assert r.trigger_details[0].advice == "" and r.trigger_details[0].sources == []
        assert r.level == "self_care"  # the level never depends on content
    finally:
        advice._sections.cache_clear()


def test_long_passages_are_cut_at_a_sentence():
    text = "Første sætning er her. " * 40
    short = advice._short(text)
    assert len(short) <= 400 and short.endswith(".")


def test_bundled_pack_gives_sourced_advice():
    r = triage("Min læg er hævet og rød efter en lang flyrejse")
    for d in r.trigger_details:
        assert bool(d.advice) == bool(d.sources)
    assert all(s.source for s in r.sources)
