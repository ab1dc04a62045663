"""Short, varied descriptions (lay words, capitals, fragments) and the level they need."""

from __future__ import annotations

import pytest

from krampe.triage import triage

PROBES = [
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


@pytest.mark.parametrize("expected,text", PROBES)
def test_probe_level(expected, text):
    assert triage(text).level == expected


def test_not_enough_air_is_not_dehydration():
    assert "dehydration" not in triage("Jeg får ikke nok luft og har ondt i læggen").triggers


TRIGGER_PROBES = [
    ({"pregnancy", "night"}, "Er i uge 30 med vores første og vågner med krampe i læggen"),
    ({"age", "night"}, "Min mor er 83 og har krampe i benene når hun ligger i sengen"),
    ({"exercise", "dehydration"}, "Spillede padel i tre timer i bagende sol og fik krampe"),
    ({"exercise", "overload"}, "Jeg har øget min løbedistance meget og får nu krampe"),
    ({"sleep_position", "night"}, "Jeg sover med dynen stramt om fødderne og vågner med krampe"),
    ({"stress"}, "Travlt på jobbet og stresset, og så krampe i læggen"),
    ({"footwear"}, "Jeg går i høje hæle hele dagen og får krampe i læggen om aftenen"),
    ({"statins", "age"}, "Jeg er 70 og tager atorvastatin, og nu har jeg fået kramper"),
    ({"tobacco", "alcohol"}, "Ryger en pakke om dagen og drikker øl, får krampe engang imellem"),
    ({"electrolytes"}, "Jeg tror jeg mangler salt efter træning, krampe i læggen"),
    ({"cold"}, "Krampe i læggen når jeg vinterbader"),
    ({"standing"}, "Jeg er sygeplejerske og står hele vagten, får krampe bagefter"),
    ({"sitting"}, "Lang køretur til Norge, og så krampe i læggen da jeg steg ud"),
]


@pytest.mark.parametrize("expected,text", TRIGGER_PROBES)
def test_trigger_probe(expected, text):
    r = triage(text)
    assert expected <= set(r.triggers), r.triggers
    assert r.level in ("self_care", "routine")


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
