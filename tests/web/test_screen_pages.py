"""The red-flag screen in server-rendered pages, without JavaScript (state in the form).

After the description the open red flags are asked one page per level group, emergency
first; answers travel back as a_<question id>=ja|nej|ved-ikke. A self-care or routine
verdict appears only once the screen is complete (triage-policy.md, "The red-flag screen").
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from krampe.triage.schema import get_rules

SELF_CARE = "jeg får krampe i læggen om natten"
URGENT = "min læg er hævet og rød efter en lang flyrejse"
EMERGENCY = "jeg har pludselig svært ved at trække vejret og min læg er hævet og øm"
SETTLED = "jeg får krampe i læggen om natten, ingen åndenød og benet er ikke hævet"
RELATIVE = "min far har krampe i læggen"


def _page(resp, status: int = 200) -> str:
    assert resp.status_code == status, resp.text[:500]
    assert resp.headers["content-type"].startswith("text/html")
    return unescape(resp.text)


def _main(page: str) -> str:
    return page[page.index("<main"):page.index("</main>")]


def _hidden(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))


def _questions(page: str) -> list[str]:
    """Question ids asked on the page, in page order (one radio group each)."""
    return list(dict.fromkeys(re.findall(r'type="radio" name="a_([a-z_]+)"', page)))


def _checked(page: str) -> dict[str, str]:
    return dict(re.findall(r'type="radio" name="a_([a-z_]+)" value="([a-z-]+)" checked', page))


def _submit(client, page: str, choices: dict[str, str], *, alle: bool = False) -> str:
    """Send the page's form as a browser would: hidden fields, checked radios, choices."""
    data = {**_hidden(page), **{f"a_{q}": v for q, v in _checked(page).items()}}
    data.update({f"a_{q}": v for q, v in choices.items()})
    if alle:
        data["alle"] = "nej"
    return _page(client.post("/triage", data=data))


def _policy_order() -> list[str]:
    rules = get_rules()
    return [q.id for fid in rules.screen.order for q in rules.questions if q.finding == fid]


def _level(qid: str) -> str:
    rules = get_rules()
    q = next(q for q in rules.questions if q.id == qid)
    return rules.findings[q.finding].level


def _assert_screen_chrome(page: str) -> None:
    """Every screen page: the call button (the bar's, or an emergency card's own) and the
    cramp guide one tap away."""
    main = _main(page)
    assert re.search(r'<a class="button button-call" href="tel:112">Ring 112</a>', main) or (
        re.search(r'<a class="call call-emergency" href="tel:112">', main))
    assert re.search(r'<a [^>]*href="/nu">Under krampen nu</a>', main)


def test_description_leads_to_the_emergency_questions_first(client):
    page = _page(client.post("/triage", data={"text": SELF_CARE, "region": ""}))
    _assert_screen_chrome(page)
    asked = _questions(page)
    assert asked and {_level(q) for q in asked} == {"emergency"}
    order = _policy_order()
    assert asked == sorted(asked, key=order.index)
    assert "<h1>Har du noget af dette lige nu?</h1>" in page
    # Three choices, none checked: an unanswered question is no answer.
    for qid in asked:
        for value in ("ja", "nej", "ved-ikke"):
            assert f'name="a_{qid}" value="{value}"' in page
    assert _checked(page) == {}
    assert "Nej til alle" in page and 'name="alle" value="nej"' in page
    # No self-care verdict and no self-care advice before the screen is complete.
    assert "banner-self_care" not in page and "Det kan du selv gøre" not in page
    assert "Hold øje med" not in page


def test_walk_self_care_through_both_pages_to_the_card(client):
    first = _page(client.post("/triage", data={"text": SELF_CARE}))
    emergency_ids = _questions(first)
    second = _submit(client, first, dict.fromkeys(emergency_ids, "nej"))
    _assert_screen_chrome(second)
    urgent_ids = _questions(second)
    assert urgent_ids and {_level(q) for q in urgent_ids} == {"urgent"}
    assert "<h1>Har du noget af dette?</h1>" in second
    # The first page's answers travel on in hidden fields.
    hidden = _hidden(second)
    assert all(hidden[f"a_{q}"] == "nej" for q in emergency_ids)
    assert "banner-self_care" not in second
    order = _policy_order()
    assert emergency_ids + urgent_ids == sorted(emergency_ids + urgent_ids, key=order.index)

    done = _submit(client, second, dict.fromkeys(urgent_ids, "nej"))
    _assert_screen_chrome(done)
    assert "<h1>Din vurdering</h1>" in done
    assert "banner-self_care" in done and "Det kan du selv gøre" in done
    assert "Foreløbig vurdering" not in done and "Svar først" not in done
    # Safety-netting after the card: what to watch for and whom to call.
    assert "Hold øje med" in done
    assert done.index("banner-self_care") < done.index("Hold øje med")
    assert "Ring 112 med det samme ved pludselig åndenød" in done
    assert _questions(done) == []


def test_nej_til_alle_answers_the_blank_questions_on_the_page(client):
    first = _page(client.post("/triage", data={"text": SELF_CARE}))
    second = _submit(client, first, {}, alle=True)
    assert {_level(q) for q in _questions(second)} == {"urgent"}
    assert all(_hidden(second)[f"a_{q}"] == "nej" for q in _questions(first))
    done = _submit(client, second, {}, alle=True)
    assert "banner-self_care" in done and "Hold øje med" in done


def test_nej_til_alle_keeps_an_explicit_ja(client):
    first = _page(client.post("/triage", data={"text": SELF_CARE}))
    page = _submit(client, first, {"chest_pain": "ja"}, alle=True)
    assert "banner-emergency" in page and "Ring 112 nu" in page
    assert "Du svarede ja til: «Har du ondt eller en trykken i brystet?»" in page


def test_unanswered_questions_are_asked_again(client):
    first = _page(client.post("/triage", data={"text": SELF_CARE}))
    asked = _questions(first)
    again = _submit(client, first, {asked[0]: "nej"})
    assert _questions(again) == asked[1:]
    assert f"{len(asked) - 1} spørgsmål mangler et svar" in again
    assert again.count("Mangler svar") == len(asked) - 1
    assert _hidden(again)[f"a_{asked[0]}"] == "nej"


def test_a_ja_to_an_emergency_question_gives_the_emergency_result(client):
    first = _page(client.post("/triage", data={"text": URGENT}))
    page = _submit(client, first, {"breathing": "ja"})
    _assert_screen_chrome(page)
    assert "banner-emergency" in page and 'role="alert"' in page
    assert _questions(page) == []


def test_urgent_description_shows_a_provisional_banner_while_emergency_is_asked(client):
    page = _page(client.post("/triage", data={"text": URGENT}))
    assert {_level(q) for q in _questions(page)} == {"emergency"}
    assert "banner-urgent" in page and "Foreløbig vurdering" in page
    done = _submit(client, page, dict.fromkeys(_questions(page), "nej"))
    # Urgent is above every urgent flag: the screen is complete after the emergency page.
    assert "banner-urgent" in done and "Foreløbig vurdering" not in done
    assert _questions(done) == []
    assert "Hold øje med" not in done  # safety-netting belongs to self-care and routine


def test_emergency_description_goes_straight_to_112(client):
    page = _page(client.post("/triage", data={"text": EMERGENCY, "region": "hovedstaden"}))
    _assert_screen_chrome(page)
    assert "banner-emergency" in page and "Ring 112 nu" in page
    assert "Du skriver: «" in page
    assert _questions(page) == []


def test_what_the_text_settled_is_pre_answered_in_the_persons_words(client):
    page = _page(client.post("/triage", data={"text": SETTLED}))
    checked = _checked(page)
    assert checked == {"breathing": "nej"}  # the emergency page: swelling is urgent
    assert "Du skrev: «ingen åndenød og benet er ikke hævet»" in page
    order = _policy_order()
    asked = _questions(page)
    assert asked[0] == "breathing" and asked == sorted(asked, key=order.index)
    second = _submit(client, page, {q: "nej" for q in asked if q != "breathing"})
    assert _checked(second) == {"swollen_leg": "nej"}
    assert "Er den ene læg eller det ene ben hævet?" in second


def test_a_misreading_is_corrected_by_answering_ja(client):
    page = _page(client.post("/triage", data={"text": SETTLED}))
    fixed = _submit(client, page, {q: "nej" for q in _questions(page)} | {"breathing": "ja"})
    assert "banner-emergency" in fixed


def test_ved_ikke_is_named_with_its_action_beside_the_level(client):
    first = _page(client.post("/triage", data={"text": SELF_CARE}))
    choices = dict.fromkeys(_questions(first), "nej") | {"breathing": "ved-ikke"}
    second = _submit(client, first, choices)
    # Still on the screen, the unsure flag is already named with its action.
    assert "Du svarede «ved ikke»" in second
    assert _hidden(second)["a_breathing"] == "ved-ikke"
    done = _submit(client, second, dict.fromkeys(_questions(second), "nej"))
    assert "banner-self_care" in done
    unsure = re.search(r'<section class="banner unsure unsure-emergency".*?</section>', done, re.S)
    assert unsure, "ved ikke is shown as a banner of its own"
    text = unsure.group(0)
    assert "Har du pludselig fået svært ved at trække vejret" in text
    assert "Ring 112 med det samme ved pludselig åndenød" in text
    # In the card, right under the level, before the safety-netting the card ends with.
    assert done.index("banner-self_care") < done.index("unsure-emergency") < done.index(
        "Hold øje med")


def test_relative_pages_name_the_relative(client):
    page = _page(client.post("/triage", data={"text": RELATIVE}))
    assert "<h1>Har din far noget af dette lige nu?</h1>" in page
    assert "Hoster din far blod op?" in page
    main = _main(page)
    assert "Har du noget af dette" not in main
    choices = dict.fromkeys(_questions(page), "nej") | {"breathing": "ved-ikke"}
    second = _submit(client, page, choices)
    assert "<h1>Har din far noget af dette?</h1>" in second
    assert "Til: «Har din far pludselig fået svært ved at trække vejret" in second
    done = _submit(client, second, {}, alle=True)
    assert "<h1>Vurdering</h1>" in done and "Din vurdering" not in done


@pytest.mark.parametrize("field", [
    {"a_nonsense": "ja"},              # no question of the policy
    {"a_breathing": "måske"},          # not ja, nej or ved-ikke
    {"a_Breathing!": "ja"},            # not an id at all
    {"a_" + "x" * 100: "nej"},
])
def test_bad_answers_are_a_danish_422(client, field):
    page = _page(client.post("/triage", data={"text": SELF_CARE, **field}), 422)
    assert 'role="alert"' in page
    assert "Vi kunne ikke læse dine svar" in page
    # The description is kept, so one tap starts the questions again.
    assert f">{SELF_CARE}</textarea>" in page


def test_too_many_answers_is_a_422_not_a_500(client):
    data = {"text": SELF_CARE, **{f"a_q{n}": "nej" for n in range(60)}}
    _page(client.post("/triage", data=data), 422)


def test_side_with_unknown_ids_is_ignored(client):
    page = _page(client.post("/triage", data={"text": SELF_CARE, "side": "nonsense,<x>",
                                              "alle": "nej"}))
    assert {_level(q) for q in _questions(page)} == {"emergency"}


def test_completed_result_keeps_what_the_text_settled_open_to_correction(client):
    text = ("min læg er hævet og rød efter en lang flyrejse. Ingen åndenød, ingen brystsmerter, "
            "intet blod i opspyt, intet krampeanfald, benet er ikke koldt, ingen "
            "følelsesløshed i skridtet og ingen inkontinens")
    page = _page(client.post("/triage", data={"text": text}))
    # The text settled every emergency route: no screen page, the result at once ...
    assert "banner-urgent" in page and "Foreløbig vurdering" not in page
    # ... with each settled question pre-answered in the person's words.
    assert "Har vi læst rigtigt?" in page
    assert _questions(page) == ["breathing", "chest_pain", "cough_blood", "seizure",
                                "cold_leg", "saddle"]
    assert set(_checked(page).values()) == {"nej"}
    assert "Du skrev: «Ingen åndenød»" in page
    assert "Du skrev: «benet er ikke koldt»" in page
    fixed = _submit(client, page, {"breathing": "ja"})
    assert "banner-emergency" in fixed
