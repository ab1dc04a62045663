"""The one Jinja environment of the web app.

Other packages (the diary, accounts) render their pages through this same environment
so they share `base.html`, the nav and the globals. The app factory (`web.app`), never
an import, registers what they offer:

- a template directory: `add_template_dir(path)` (searched after ours);
- globals: `env.globals.update(...)`;
- nav links: `add_nav_link("/dagbog", "Dagbog")`;
- the account slot of the nav: a template named `nav_account.html` in their own
  template dir (`base.html` includes it when it exists).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup, escape

from krampe.clinic import booking as clinic_booking
from krampe.plural import count
from krampe.policy import get_policy
from krampe.policy.review import review_label as _review_label
from krampe.web import region

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"

_loader = ChoiceLoader([FileSystemLoader(str(TEMPLATE_DIR))])
env = Environment(
    loader=_loader,
    autoescape=select_autoescape(["html", "xml"], default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=env)

# (href, label) pairs shown in the nav after ours; other packages append to it.
NAV_LINKS: list[tuple[str, str]] = [
    ("/", "Spørg"),
    ("/nu", "Krampe nu"),
    ("/triage", "Vurdér symptomer"),
    ("/program", "Øvelser"),
    ("/kilder", "Kilder"),
]
env.globals["nav_links"] = NAV_LINKS


def add_template_dir(path: str | Path) -> None:
    """Search `path` for templates too (after the web app's own directory)."""
    resolved = str(Path(path).resolve())
    for existing in _loader.loaders:
        if isinstance(existing, FileSystemLoader) and resolved in existing.searchpath:
            return
    _loader.loaders = [*_loader.loaders, FileSystemLoader(resolved)]


def add_nav_link(href: str, label: str) -> None:
    if (href, label) not in NAV_LINKS:
        NAV_LINKS.append((href, label))


_MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


def danish_date(value: object) -> str:
    """'2025-09-13' -> '13. september 2025'; anything unparseable is shown as given."""
    if value is None or value == "":
        return "ukendt"
    try:
        d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day}. {_MONTHS[d.month - 1]} {d.year}"


def review_label(value: object, current: str | None = None) -> str:
    """A clinical_review value in Danish; `current` is the content hash of the text as it is
    now (krampe.policy.review decides; without it nothing counts as reviewed)."""
    return _review_label(value, current, danish_date)


env.filters["dkdate"] = danish_date


def danish_number(value: float, digits: int = 1) -> str:
    """5.25 → '5,3' and 6.0 → '6': a decimal comma and no trailing ',0'."""
    text = f"{value:.{digits}f}".replace(".", ",")
    return text.rstrip("0").removesuffix(",") if "," in text else text


env.filters["dknum"] = danish_number
# {{ n | plural("krampe", "kramper") }} → "1 krampe", "2 kramper".
env.filters["plural"] = count
env.globals["review_label"] = review_label
# Headlines, icons, colours and phone numbers: templates read them here, never write them.
env.globals["policy"] = get_policy()
# The remembered region (cookie), for pages whose route does not pass `region`.
env.globals["current_region"] = region.current
# Engine texts name every region's out-of-hours number when no region is known; a page
# shows "lægevagten" there and the number on a call button (or asks for the region).
env.filters["name_oohs"] = get_policy().name_out_of_hours


@pass_context
def source_label(ctx, source_id: object) -> str:
    """A readable label for a source id (article or sources.yaml entry) of the active app."""
    labels = ctx.get("source_labels") or {}
    return labels.get(str(source_id), str(source_id))


env.filters["source_label"] = source_label


@pass_context
def cite(ctx, source_ids: str | list[str] | None) -> Markup:
    """Citations as links: a registry source to its address, an article of the active
    knowledge base to its own address or to its row on /kilder; a comma-separated list."""
    registry = get_policy().sources()
    articles = ctx.get("articles") or {}
    if not isinstance(articles, Mapping):  # the sources page lists them
        articles = {a.id: a for a in articles}
    ids = [source_ids] if isinstance(source_ids, str) else list(source_ids or [])
    out = []
    for sid in map(str, ids):
        label = source_label(ctx, sid)
        source = registry.get(sid)
        article = articles.get(sid)
        url = source.url if source else (getattr(article, "url", None) or (
            f"/kilder#artikel-{sid}" if article else None))
        if url and url.startswith(("http://", "https://")):
            out.append(Markup('<a href="{}" rel="noreferrer noopener">{}</a>').format(url, label))
        elif url:
            out.append(Markup('<a href="{}">{}</a>').format(url, label))
        else:
            out.append(escape(label))
    return Markup(", ").join(out)


env.globals["cite"] = cite
# A clinic's "Book tid hos ..." for a result, or None (krampe.clinic.booking decides).
env.globals["clinic_booking"] = clinic_booking


def render(request, name: str, context: dict | None = None, status_code: int = 200):
    """Render a page with what every page needs (app-wide context from app.state.page_context)."""
    ctx = dict(getattr(request.app.state, "page_context", {}) or {})
    ctx.update(context or {})
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
