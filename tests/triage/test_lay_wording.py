"""Short, varied lay descriptions (lay words, capitals, fragments, seizures told in
everyday words, English words inside Danish) and the level they need."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from tests.triage.helpers import expect, level, present

LAY_DESCRIPTIONS = [
    ("urgent", "Læggen er blevet dobbelt så tyk som den anden og den dunker"),
    ("urgent", "min venstre læg er hævet og ømmer sig"),
    ("emergency", "Jeg får ikke nok luft og har ondt i læggen"),
    ("emergency", "pludselig åndenød"),
    ("urgent", "jeg har en klump i læggen der er rød og varm og øm"),
    ("self_care", "Jeg får krampe i tæerne når jeg svømmer"),
    ("urgent", "Det sagde knæk i læggen da jeg løb og nu kan jeg ikke gå på den"),
    ("urgent", "Akillessenen er sprunget, tror jeg"),
    ("self_care", "Har lidt ondt i læggen efter en lang gåtur, ingen hævelse"),
    ("routine", "jeg vågner hver nat pga kramper i benene"),
    ("routine", "Natkramper 4-5 gange om ugen i et halvt år"),
    ("emergency", "Min kone faldt om og rystede i hele kroppen"),
    ("emergency", "benet er helt hvidt og koldt og følelsesløst"),
    ("urgent", "jeg har en krampe der har varet 45 minutter"),
    ("self_care", "Krampe i læggen efter at have danset hele natten"),
    ("urgent", "Læggen er hævet, jeg har lige været på en lang flyrejse"),
    ("urgent", "Jeg har fået en blodprop i benet konstateret i går og nu har jeg mere ondt"),
    ("emergency", "Jeg er gravid og har fået ondt i brystet og er åndeløs"),
    ("routine", "Jeg tager lithium og har mange kramper"),
    ("urgent", "læggen er hævet og misfarvet efter jeg faldt"),
    ("self_care", "Jeg har haft krampe i læggen i nat. Nu er det fint."),
    ("urgent", "Min læg har været hævet i 3 dage og gør ondt når jeg går"),
    ("emergency", "Jeg kan ikke mærke mine ben og kan ikke tisse, og ryggen gør ondt"),
    ("self_care", "hvordan stopper jeg en krampe i læggen"),
    ("urgent", "LÆGGEN ER HÆVET OG RØD!!!"),
    ("urgent", "læggen hæver og er rødlig"),
    ("self_care", "Krampe i læggen. Ikke hævet. Ikke rød. Ikke varm. Ingen åndenød."),
    ("urgent", "Krampe i læggen. Ikke rød. Men meget hævet og øm."),
    # ordinary words that look like red flags
    ("self_care", "Jeg drak et glas rødvin i aftes og fik krampe i læggen i nat"),
    ("self_care", "Jeg tog et varmt bad og så fik jeg krampe i foden"),
    ("self_care", "Jeg har altid kolde fødder og får krampe i læggen om vinteren"),
    ("self_care", "Min læg er stadig lidt øm dagen efter en krampe, ellers er den normal"),
    ("self_care", "Fik krampe i læggen da jeg vågnede, det varede et minut"),
    ("self_care", "Krampe i læggen i går. Der er intet hævet, intet rødt, og jeg har det fint."),
    ("urgent", "læggen har været hård som en sten og øm siden i går efter en krampe"),
    ("urgent", "Min søn på 14 fik et spark på læggen til fodbold og den er meget hævet nu"),
    ("emergency", "Jeg hiver efter vejret og har en hævet læg"),
]


@pytest.mark.parametrize("expected,text", LAY_DESCRIPTIONS)
def test_lay_description_level(expected, text):
    assert triage(text).level == expected


def test_not_enough_air_is_not_dehydration():
    assert "dehydration" not in triage("Jeg får ikke nok luft og har ondt i læggen").triggers


@pytest.mark.parametrize(
    "expected,text",
    [
        ("self_care", "Jeg kunne ikke gå i et par minutter pga krampen, men nu er den væk"),
        ("urgent", "Krampen er væk men jeg kan ikke støtte på benet"),
        ("self_care", "Jeg hævede mig op på tæerne og så kom krampen"),
        ("urgent", "Læggen hævede op efter turen og er øm"),
    ],
)
def test_cramp_course_and_heel_raises(expected, text):
    assert triage(text).level == expected


# A whole-body seizure told in lay words.
@pytest.mark.parametrize("text", [
    "Min datter sitrede over det hele, det var ikke til at få kontakt med hende",
    "farmor rystede over det hele i sofaen bagefter var hun helt fjern",
    "drengen lå og rykkede på gulvet i flere minutter",
    "han var ikke kontaktbar efter anfaldet i benene og armene",
])
def test_lay_seizure_is_emergency(text: str) -> None:
    expect(text, "emergency", seizure="present")


@pytest.mark.parametrize("text", [
    "jeg rystede læggen og så slap krampen",
    "krampe i læggen i nat, jeg stod på gulvet og strakte ud",
])
def test_shaking_a_cramp_loose_is_not_seizure(text: str) -> None:
    assert not present(text, "seizure")


# English swelling words inside a Danish description.
@pytest.mark.parametrize("text", [
    "højre læg er swollen og øm",
    "der er en swelling i min venstre læg og den er varm",
])
def test_english_swelling_in_danish_text(text: str) -> None:
    assert present(text, "dvt_signs")


def test_english_alone_is_not_understood() -> None:
    assert level("the leg got swollen and red") is None


# Lay phrasings (general lexicon entries, not phrases).
@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("læggen er hoven og øm", "urgent"),
        ("læggen er dobbelt så stor som den anden", "urgent"),
        ("krampen har siddet i en time", "urgent"),
        ("det knaldede i læggen da jeg løb", "urgent"),
        ("det føltes som om nogen ramte mig med en bold bag på læggen", "urgent"),
        ("foden har sovet i 3 dage", "urgent"),
        ("har ikke kunnet mærke foden siden i går", "urgent"),
        ("jeg har mistet kraften i benet", "urgent"),
        ("jeg er så åndeløs", "emergency"),
        ("kan dårligt trække vejret og læggen er øm", "emergency"),
        ("har svært ved at ånde", "emergency"),
        ("det strammer i brystet", "emergency"),
        ("der var blod i det jeg hostede op", "emergency"),
        ("min søn fik et anfald og rystede", "emergency"),
        ("jeg får anfald af krampe i læggen om natten", "self_care"),
        ("forpustet og åndeløs efter løbetur med krampe", "self_care"),
        ("krampen varede 2 minutter", "self_care"),
    ],
)
def test_lay_phrasings(text, level):
    assert triage(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # plain a/o/e for å/ø/æ (no Danish keyboard)
        ("andenod og ondt i laeggen", "emergency"),
        # subordinate clause order: "ikke" before the verb
        ("jeg er bange fordi jeg ikke kan støtte på benet", "urgent"),
        ("min far siger at han ikke kan mærke foden og den er kold", "emergency"),
        # "havet" (the sea) is a word, not a typo for "hævet"
        ("jeg badede i havet og fik krampe i læggen", "self_care"),
    ],
)
def test_spelling_and_word_order(text, level):
    assert triage(text).level == level
