"""Who the patient is and what is only advice: a relative named with an apposition, a
doctor's old advice to watch for a sign, an injury told by a carer."""

from __future__ import annotations

from .helpers import expect, level, status_of


def test_relative_apposition_keeps_the_clot_the_relatives() -> None:
    text = ("Det handler om mig selv, ikke om min far (ham med alle blodpropperne). Jeg får "
            "lidt krampe i foden efter fodbold, og det går over når jeg strækker")
    assert level(text) == "self_care"
    assert status_of(text, "dvt_signs") != "present"


def test_relative_apposition_after_a_comma() -> None:
    text = ("Min søster, hende med blodpropperne, siger jeg skal spørge. Jeg har krampe i "
            "læggen om natten af og til, den slipper efter et minut")
    assert level(text) == "self_care"


def test_advice_to_watch_for_a_sign_is_no_sign() -> None:
    text = ("Jeg havde en blodprop i benet for halvandet år siden. Sygeplejersken sagde: "
            "Vær opmærksom på hævelse og rødme. Nu har jeg bare haft en kort krampe i "
            "foden, som gik over")
    assert level(text) == "self_care"


def test_watching_a_swelling_one_has_is_a_sign() -> None:
    text = "Jeg holder øje med hævelsen i venstre læg, den er blevet større og øm"
    assert level(text) == "urgent"


def test_carer_telling_of_a_leg_not_borne_is_injury() -> None:
    text = ("Min far (88) snublede på trappen i går. Han vil ikke træde på venstre fod, og "
            "læggen er øm. Hjemmeplejen tror, det er krampe.")
    expect(text, "urgent", injury_signs="present")


def test_refusing_the_doctor_is_not_refusing_to_bear_weight() -> None:
    text = ("Min mand fik krampe i læggen i nat, den gik over efter stræk. Han vil ikke gå "
            "til lægen, er det ok?")
    assert status_of(text, "injury_signs") is None
    assert level(text) == "self_care"
