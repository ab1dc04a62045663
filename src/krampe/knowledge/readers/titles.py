"""A page title without the site's name: "Name – subtitle | Site" -> "Name – subtitle".

A dash often separates an article's name from its subtitle, so a part after (or before)
a separator is dropped only when it is recognisably the site: the page's declared site
name (og:site_name, application-name, the JSON-LD publisher), its logo or home link, a
page of its breadcrumb trail, or its web address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_SEPARATOR = re.compile(r"\s+[|–—·-]\s+|\s*\|\s*|\s+::\s+")
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9æøå-]+(?:\.[a-z0-9æøå-]+)*\.[a-z]{2,6}$", re.I)
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe",
                       "ä": "ae"})


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().translate(_FOLD))


def _host_names(url: str) -> set[str]:
    """Folded names a site goes by in its address: www.regionshospitalet-nordby.example
    -> {"regionshospitaletnordby", "regionshospitaletnordbyexample"}."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return set()
    labels = [label for label in host.lower().split(".") if label and label != "www"]
    if not labels:
        return set()
    names = {_norm(".".join(labels))}
    if len(labels) > 1:
        names.add(_norm(".".join(labels[:-1])))  # without the top-level domain
        names.add(_norm(labels[-2]))
    return {name for name in names if len(name) >= 3}


def site_names(names: Iterable[object], urls: Iterable[object]) -> set[str]:
    """Folded forms of a site's declared names and of its addresses."""
    found = {_norm(str(name)) for name in names if isinstance(name, str) and name.strip()}
    for url in urls:
        if isinstance(url, str) and url.strip():
            found |= _host_names(url.strip())
    return {name for name in found if name}


def is_site(part: str, sites: set[str]) -> bool:
    """Does the text name the site (a declared name, its address, or a domain name)?"""
    part = part.strip()
    if _DOMAIN.match(part):
        return True  # "netdoktor.dk" names a site whatever the page declares
    return _norm(part) in sites


def strip_site(title: str, sites: set[str]) -> str:
    """The title without a leading or trailing part that names the site."""
    title = " ".join(title.split())
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    matches = list(_SEPARATOR.finditer(title))
    if is_site(parts[-1], sites):
        # "Name | Department | Hospital": each trailing part naming the site goes.
        return strip_site(title[: matches[-1].start()].strip(), sites)
    if is_site(parts[0], sites):
        return strip_site(title[matches[0].end():].strip(), sites)
    return title
