"""The remembered region: chosen once on any page, kept in a cookie set through the one
cookie helper (with the form's CSRF token), listed on the privacy page, changeable; a card
then shows only that region's out-of-hours number, and without one a picker, never five
numbers and never a missing value."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from krampe.policy import get_policy
from krampe.web import region

URGENT = "min læg er hævet og rød efter en lang flyrejse"
EMERGENCY_NO = {f"a_{q}": "nej" for q in
                ("breathing", "chest_pain", "cough_blood", "seizure", "cold_leg", "saddle")}


@pytest.fixture
def fresh(web_app):
    """A client of its own, so cookies do not leak between tests."""
    with TestClient(web_app, raise_server_exceptions=False) as client:
        yield client


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def _numbers(page: str) -> list[str]:
    main = unescape(page[page.index("<main"):page.index("</main>")])
    return [r.number for r in get_policy().regions() if r.number in main]


def test_without_a_region_the_card_asks_for_it(fresh):
    page = fresh.post("/triage", data={"text": URGENT, **EMERGENCY_NO}).text
    assert "banner-urgent" in page
    assert page.count('name="region" value=') >= len(get_policy().regions())
    assert _numbers(page) == []  # no region: no list of every region's number
    assert "tel:None" not in page and ">None<" not in page


def test_choosing_a_region_on_the_card_remembers_it(fresh):
    page = fresh.get("/triage").text
    data = {"text": URGENT, **EMERGENCY_NO, region.REMEMBER: "1",
            "csrf_token": _token(page), "region": "sjaelland"}
    resp = fresh.post("/triage", data=data)
    cookie = next(h for h in resp.headers.get_list("set-cookie")
                  if h.startswith(f"{region.COOKIE}="))
    assert cookie.startswith(f"{region.COOKIE}=sjaelland;")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=31536000" in cookie
    call = get_policy().out_of_hours_call("sjaelland")
    assert f'href="tel:{call.tel}"' in resp.text and _numbers(resp.text) == [call.number]
    # Every later page uses it, also the ones the region was not chosen on.
    later = fresh.post("/triage", data={"text": URGENT, **EMERGENCY_NO})
    assert f'href="tel:{call.tel}"' in later.text
    assert f'href="tel:{call.tel}"' in fresh.get("/nu").text
    assert 'value="sjaelland" selected' in fresh.get("/triage").text


def test_another_site_cannot_change_the_region(fresh):
    resp = fresh.post("/region", data={"region": "nordjylland", region.REMEMBER: "1",
                                       "tilbage": "/nu"}, follow_redirects=False)
    assert resp.status_code == 303
    assert not any(h.startswith(f"{region.COOKIE}=")
                   for h in resp.headers.get_list("set-cookie"))


def test_region_page_chooses_forgets_and_only_returns_to_this_site(fresh):
    token = _token(fresh.get("/region?tilbage=/nu").text)
    resp = fresh.post("/region", data={"region": "midtjylland", region.REMEMBER: "1",
                                       "csrf_token": token, "tilbage": "/nu#telefonnumre"},
                      follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/nu#telefonnumre"
    assert fresh.cookies.get(region.COOKIE) == "midtjylland"
    page = fresh.get("/region").text
    assert get_policy().region("midtjylland").name in page and "Glem min region" in page
    resp = fresh.post("/region", data={"region": "", region.REMEMBER: "1",
                                       "csrf_token": token, "tilbage": "//evil.example"},
                      follow_redirects=False)
    assert resp.headers["location"] == "/region"
    assert any(h.startswith(f"{region.COOKIE}=;") or 'Max-Age=0' in h
               for h in resp.headers.get_list("set-cookie"))
    assert fresh.cookies.get(region.COOKIE) is None


def test_an_unknown_cookie_value_is_no_region(fresh):
    fresh.cookies.set(region.COOKIE, "<script>")
    page = fresh.get("/nu").text
    assert "<script>" not in page and _numbers(page) == []


def test_the_privacy_page_lists_the_cookie(client):
    page = client.get("/privatliv").text
    section = page[page.index('id="cookies"'):]
    assert region.COOKIE in section and 'href="/region"' in section
