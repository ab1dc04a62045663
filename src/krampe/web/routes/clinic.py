"""The clinic edition's pages: /embed (framed by the clinic's own site), the setup page
/klinik with the snippet, the clinic's logo and its colours. Without a profile none of
them exists (404), and krampe is as it ships."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from krampe.clinic import contrast
from krampe.clinic.profile import ClinicProfile
from krampe.clinic.snippet import EMBED_HEIGHT, embed_snippet
from krampe.errors import InputError, KrampeError
from krampe.web import region
from krampe.web.offload import run_engine
from krampe.web.ratelimit import LIMITED
from krampe.web.services import get_services
from krampe.web.templating import render

router = APIRouter(include_in_schema=False)

# An SVG opened on its own must not run script or load anything.
_LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def _profile(request: Request) -> ClinicProfile:
    profile = getattr(request.app.state, "clinic", None)
    if profile is None:
        raise KrampeError("Siden findes ikke.", code="not_found", status=404)
    return profile


@router.get("/embed", response_class=HTMLResponse)
async def embed_page(request: Request):
    _profile(request)
    return render(request, "embed.html")


@router.post("/embed", response_class=HTMLResponse, dependencies=LIMITED)
async def embed_answer(request: Request, q: str = Form("")):
    """A question asked inside the frame, answered inside it."""
    _profile(request)
    try:
        result = await run_engine(request, "ask_json", q, 3)
    except InputError as exc:
        return render(request, "embed.html", {"error": exc.message, "q": q}, status_code=422)
    form = await request.form()
    ctx = {
        "result": result,
        "region": region.resolve(request, form),
        "picker_form": {"action": "/embed", "target": "_self", "fields": [("q", q)]},
        "guide": get_services(request.app).acute_guide() if result.get("acute") else None,
    }
    return render(request, "embed.html", ctx)


@router.get("/klinik", response_class=HTMLResponse)
async def setup_page(request: Request):
    """What a clinic owner needs, without an account: the snippet to copy, where the
    articles come from, and the coverage report."""
    profile = _profile(request)
    base = str(request.base_url).rstrip("/")
    schemes = {
        scheme: {"colour": colour, "text": contrast.text_on(colour),
                 "ratio": contrast.ratio(contrast.text_on(colour), colour)}
        for scheme, colour in (("light", profile.accent), ("dark", profile.dark_accent))
    }
    return render(request, "clinic_setup.html", {
        "snippet": embed_snippet(profile, base), "embed_height": EMBED_HEIGHT,
        "schemes": schemes, "kb_specs": get_services(request.app).kb_specs,
    })


@router.get("/klinik/logo")
async def logo(request: Request):
    profile = _profile(request)
    if profile.logo_file is None:
        raise KrampeError("Klinikken har intet logo.", code="not_found", status=404)
    return Response(profile.logo_file.data, media_type=profile.logo_file.media_type,
                    headers={"content-security-policy": _LOGO_CSP,
                             "cache-control": "public, max-age=3600"})


@router.get("/klinik/farver.css")
async def colours(request: Request):
    """The accent as CSS custom properties (a stylesheet: the pages allow no inline style)."""
    profile = _profile(request)
    light, dark = profile.accent, profile.dark_accent
    css = (f":root {{ --clinic: {light}; --clinic-text: {contrast.text_on(light)}; }}\n"
           "@media (prefers-color-scheme: dark) {\n"
           f"  :root {{ --clinic: {dark}; --clinic-text: {contrast.text_on(dark)}; }}\n}}\n")
    return Response(css, media_type="text/css",
                    headers={"cache-control": "public, max-age=3600"})
