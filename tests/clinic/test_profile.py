"""The clinic profile: what loads, and a clear Danish sentence for each thing that does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from krampe.bundled import BUNDLED
from krampe.clinic import ClinicProfileError, contrast, load
from krampe.policy.load import DATA_DIR
from krampe.policy.model import LevelsFile
from tests.clinic.helpers import EXAMPLE, write_profile


def _error(path: Path) -> str:
    with pytest.raises(ClinicProfileError) as err:
        load(path)
    return err.value.message


def test_the_worked_example_loads():
    profile = load(EXAMPLE / "klinik.yaml")
    assert profile.name == "Fysioterapi Lindehøj"
    assert profile.knowledge == [BUNDLED, str((EXAMPLE / "artikler").resolve())]
    assert profile.logo_file is not None and profile.logo_file.media_type == "image/svg+xml"
    assert profile.frame_ancestors() == (
        "'self' https://lindehoej-fys.example https://www.lindehoej-fys.example")
    assert profile.booking_label == "Book tid hos Fysioterapi Lindehøj"


def test_paths_are_read_beside_the_profile_not_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "artikler").mkdir()
    path = write_profile(tmp_path, knowledge=["artikler", "bundled"])
    monkeypatch.chdir(Path("/"))
    profile = load(path)
    assert profile.knowledge == [str(tmp_path / "artikler"), BUNDLED]
    assert profile.logo_file is not None and profile.logo_file.path == tmp_path / "logo.svg"


def test_missing_file(tmp_path):
    assert _error(tmp_path / "findes-ikke.yaml") == (
        f"Klinikprofilen findes ikke: {tmp_path / 'findes-ikke.yaml'}")


@pytest.mark.parametrize("colour", ["blå", "#12345", "1f6f5c", "#ggg000"])
def test_a_colour_that_is_no_colour(tmp_path, colour):
    message = _error(write_profile(tmp_path, accent=colour))
    assert "accent (accentfarven)" in message
    assert f"«{colour}» er ikke en farve" in message and "#RRGGBB" in message


def test_a_colour_without_contrast_in_the_light_scheme(tmp_path):
    message = _error(write_profile(tmp_path, accent="#ffcc00", accent_dark=None))
    assert "accent #ffcc00 har for lidt kontrast i lyst tema" in message
    assert "WCAG AA kræver 3,0:1" in message


def test_a_colour_without_contrast_in_the_dark_scheme_names_accent_dark(tmp_path):
    # Readable on white, but a dark button on a dark page.
    message = _error(write_profile(tmp_path, accent="#0b4f8a", accent_dark=None))
    assert "accent #0b4f8a har for lidt kontrast i mørkt tema" in message
    assert "angiv accent_dark" in message
    message = _error(write_profile(tmp_path, accent_dark="#0b4f8a"))
    assert "accent_dark #0b4f8a har for lidt kontrast i mørkt tema" in message


def test_text_on_a_mid_tone_is_checked(tmp_path):
    # Neither white nor dark text reaches 4.5:1 on this green.
    message = _error(write_profile(tmp_path, accent="#2e8b57", accent_dark=None))
    assert "med teksten på knappen" in message and "4,5:1" in message


def test_a_logo_path_that_does_not_exist(tmp_path):
    path = write_profile(tmp_path, logo="billeder/logo.svg")
    assert _error(path) == (f"Klinikprofilen {path}: logoet findes ikke: "
                            f"{tmp_path / 'billeder' / 'logo.svg'}")


def test_a_logo_that_cannot_be_read(tmp_path):
    path = write_profile(tmp_path, logo="mappe.svg")
    (tmp_path / "mappe.svg").mkdir()
    assert f"logoet kan ikke læses: {tmp_path / 'mappe.svg'}" in _error(path)


def test_a_logo_on_another_site_is_refused(tmp_path):
    message = _error(write_profile(tmp_path, logo="https://cdn.example/logo.svg"))
    assert "ikke en webadresse" in message


def test_a_logo_that_is_not_what_its_name_says(tmp_path):
    path = write_profile(tmp_path, logo="logo.png")
    (tmp_path / "logo.png").write_bytes(b"GIF89a not a png")
    assert "ikke en PNG-fil" in _error(path)
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    assert "SVG eller PNG" in _error(write_profile(tmp_path, logo="logo.gif"))


@pytest.mark.parametrize("origin", ["lindehoej.dk", "https://x.dk/side", "javascript:alert(1)",
                                    "https://x.dk; script-src *", "https://x.dk?a=1"])
def test_an_origin_that_could_not_go_into_the_csp_is_refused(tmp_path, origin):
    message = _error(write_profile(tmp_path, embed_origins=[origin]))
    assert "embed_origins" in message and "er ikke en hjemmeside" in message


def test_origins_are_normalised(tmp_path):
    profile = load(write_profile(tmp_path, embed_origins=["HTTPS://Www.Klinik.dk/",
                                                          "http://127.0.0.1:8080"]))
    assert profile.embed_origins == ["https://www.klinik.dk", "http://127.0.0.1:8080"]


def test_missing_and_unknown_fields(tmp_path):
    path = write_profile(tmp_path, booking_url=None)
    assert _error(path) == (f"Klinikprofilen {path}: booking_url (adressen til online "
                            "booking) mangler.")
    assert "ukendt felt «farve»" in _error(write_profile(tmp_path, farve="#000000"))


def test_bad_values(tmp_path):
    assert "ikke et telefonnummer" in _error(write_profile(tmp_path, phone="ring til os"))
    assert "https://" in _error(write_profile(tmp_path, booking_url="javascript:alert(1)"))
    assert "artikelmappen findes ikke" in _error(write_profile(tmp_path, knowledge=["mangler"]))


def test_a_file_that_is_not_a_profile(tmp_path):
    path = tmp_path / "klinik.yaml"
    path.write_text("name: [ufærdig\n", encoding="utf-8")
    assert "ikke gyldig YAML (linje" in _error(path)
    path.write_text("- bare en liste\n", encoding="utf-8")
    assert "skal være felter" in _error(path)
    assert "er en mappe" in _error(tmp_path)


def test_contrast_follows_wcag():
    assert contrast.ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast.ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast.text_on("#1f6f5c") == "#ffffff"
    assert contrast.text_on("#5fb3a1") == "#1a1a1a"


def test_the_backgrounds_are_the_stylesheets_own():
    css = contrast.STYLESHEET.read_text(encoding="utf-8")
    found = contrast.scheme_backgrounds()
    assert found["light"]["bg"] == "#ffffff" and found["dark"]["bg"] != "#ffffff"
    for scheme in contrast.SCHEMES:
        for colour in found[scheme].values():
            assert colour in css


def test_the_policy_refuses_booking_on_a_red_flag_level():
    data = yaml.safe_load((DATA_DIR / "levels.yaml").read_text(encoding="utf-8"))
    for level in data["levels"]:
        if level["id"] == "urgent":
            level["clinic_booking"] = True
    with pytest.raises(ValueError, match="red-flag level cannot offer a clinic's booking"):
        LevelsFile.model_validate(data)


def test_the_usual_yaml_slips_are_explained_or_forgiven(tmp_path):
    path = tmp_path / "klinik.yaml"
    write_profile(tmp_path)
    text = path.read_text(encoding="utf-8")
    # An unquoted colour is a YAML comment; an unquoted phone number is a number.
    path.write_text(re.sub(r"accent: .*", "accent: #1f6f5c", text)
                    .replace("phone: 86 00 00 00", "phone: 86000000"), encoding="utf-8")
    assert "accent (accentfarven) er tom: skriv farven i anførselstegn" in _error(path)
    path.write_text(text.replace("phone: 86 00 00 00", "phone: 86000000"), encoding="utf-8")
    assert load(path).phone == "86000000"
