"""Rendering CSL-JSON to HTML with pandoc's citeproc and the Dutch APA style.

Only called on save, on publish and from background tasks, never during a page view: a pandoc
run costs about a tenth of a second."""

from __future__ import annotations

import json
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nh3

from .csl import PARTICLES
from .styles import DUTCH, FLEMISH, style_path

ALLOWED_TAGS = {"em", "i", "b", "strong", "a", "sup", "sub", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}

ENTRY_RE = re.compile(
    r'<div id="ref-(?P<id>[^"]+)" class="csl-entry"[^>]*>\s*(?P<html>.*?)\s*</div>', re.S
)
YEAR_RE = re.compile(r"\((?:\w+\.\s)?(?P<year>\d{4}[a-z]?|z\.d\.(?:-[a-z])?)")


@dataclass
class Entry:
    id: str
    html: str
    year_label: str = ""


@dataclass
class Rendered:
    entries: list[Entry] = field(default_factory=list)
    seconds: float = 0.0


def prepare_item(item: dict, convention: str) -> dict:
    """Flemish convention: the particle is part of the family name and written with a capital
    ("De Jong, W."), so it is sorted under D."""
    if convention != FLEMISH:
        return item
    item = dict(item)
    for role in ("author", "editor", "container-author", "translator"):
        names = []
        for name in item.get(role) or []:
            name = dict(name)
            particle = name.pop("non-dropping-particle", "")
            if particle and name.get("family"):
                name["family"] = f"{particle[:1].upper()}{particle[1:]} {name['family']}"
            names.append(name)
        if names:
            item[role] = names
    return item


def _drop_stop_after_particle(html: str, item: dict) -> str:
    """Dutch APA writes "Jong, W. de (2013)." and "IJzendoorn, M. H. van (2008).": the particle
    closes the author element without a full stop. citeproc adds the element's full stop after
    whatever ends the names, so remove it when that is a particle of the last name."""
    names = item.get("author") or item.get("editor") or []
    if not names:
        return html
    particle = (names[-1].get("non-dropping-particle") or "").split(" ")[-1]
    if particle not in PARTICLES:
        return html
    return re.sub(rf"^(.*?\b{re.escape(particle)})\. \(", r"\1 (", html, count=1, flags=re.S)


def render_items(items: list[dict], convention: str = DUTCH) -> Rendered:
    """Render the items as one bibliography (so sorting and the 2015a/2015b suffixes work
    across the list). Every item needs a unique string id."""
    if not items:
        return Rendered()
    prepared = [prepare_item(item, convention) for item in items]
    by_id = {str(item["id"]): item for item in items}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kb-cite-") as tmp:
        bibliography = Path(tmp) / "refs.json"
        bibliography.write_text(json.dumps(prepared, ensure_ascii=False), encoding="utf-8")
        # Imported here: only rendering a bibliography (a task, the editor) needs pypandoc.
        import pypandoc

        html = pypandoc.convert_text(
            "---\nnocite: '@*'\nlang: nl-NL\n---\n",
            "html",
            format="markdown",
            extra_args=[
                "--citeproc",
                f"--csl={style_path(convention)}",
                f"--bibliography={bibliography}",
                "--wrap=none",
            ],
        )
    seconds = time.perf_counter() - started
    entries = []
    for match in ENTRY_RE.finditer(html):
        item_id = match["id"]
        entry_html = nh3.clean(
            match["html"].strip(),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https"},
            link_rel="noopener",
        )
        if convention == DUTCH and item_id in by_id:
            entry_html = _drop_stop_after_particle(entry_html, by_id[item_id])
        year = YEAR_RE.search(entry_html)
        entries.append(Entry(item_id, entry_html, year["year"] if year else ""))
    return Rendered(entries, seconds)


def render_one(item: dict, convention: str = DUTCH) -> str:
    rendered = render_items([{**item, "id": "item"}], convention)
    return rendered.entries[0].html if rendered.entries else ""
