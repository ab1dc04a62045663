"""What a clinic copies into its own site, and the profile `krampe clinic init` writes."""

from __future__ import annotations

from html import escape

import yaml

from krampe.clinic.profile import ClinicProfile

EMBED_HEIGHT = 640  # the /embed page fits a phone's screen without a scroll bar inside


def embed_snippet(profile: ClinicProfile, base_url: str) -> str:
    """The <iframe> for the clinic's page: /embed on this server, no script needed."""
    src = f"{base_url.rstrip('/')}/embed"
    title = escape(f"Krampe i læggen: spørg {profile.name}", quote=True)
    return (f'<iframe src="{escape(src, quote=True)}" title="{title}" '
            f'width="100%" height="{EMBED_HEIGHT}" style="border:0;max-width:40rem" '
            'loading="lazy" referrerpolicy="no-referrer"></iframe>')


# Comments written above a field of a new profile (Danish: the clinic edits the file).
_COMMENTS = {
    "name": "Klinikkens navn, som det står på siderne og ved «Book tid hos ...».",
    "logo": "Logo som SVG eller PNG (højst 512 KB), ved siden af profilen.",
    "accent": "Accentfarven (#RRGGBB) på knapper og kanter; den skal have nok kontrast "
              "(WCAG AA)\n# i lyst og mørkt tema. accent_dark: en anden farve til mørkt tema.",
    "booking_url": "Hvor patienten bestiller tid (vises kun ved de rolige resultater: bestil "
                   "tid og egenomsorg;\n# aldrig ved de akutte).",
    "knowledge": "Artiklerne, der svares ud fra: bundled (krampes egne) og/eller klinikkens "
                 "mappe.",
    "embed_origins": "Hjemmesider, der må vise krampe i en iframe (kun protokol, navn og "
                     "evt. port).",
}


def profile_text(fields: dict, path: str) -> str:
    """A profile file: the fields in order, each with its Danish comment."""
    out = ["# Klinikprofil for krampe (docs/clinic.md). Stier er i forhold til denne fil.",
           f"# Tjek den med: krampe clinic check {path}"]
    for key, value in fields.items():
        if value is None:
            continue
        if key in _COMMENTS:
            out.append(f"# {_COMMENTS[key]}")
        out.append(yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False,
                                  default_flow_style=False, width=88).rstrip("\n"))
    return "\n".join(out) + "\n"
