"""CSL-JSON items as RIS (rispy), BibTeX (bibtexparser) and CSL-JSON downloads."""

from __future__ import annotations

import json
import re

from .csl import issued_year, normalise

FORMATS = {
    # format: (MIME type, file extension)
    "ris": ("application/x-research-info-systems", "ris"),
    "bib": ("application/x-bibtex", "bib"),
    "json": ("application/vnd.citationstyles.csl+json", "json"),
}

RIS_TYPES = {
    "book": "BOOK",
    "chapter": "CHAP",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "paper-conference": "CPAPER",
    "software": "COMP",
    "dataset": "DATA",
    "speech": "SOUND",
}
BIBTEX_TYPES = {
    "book": "book",
    "chapter": "incollection",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "report": "techreport",
    "thesis": "phdthesis",
    "paper-conference": "inproceedings",
}


def _family_first(name: dict) -> str:
    """ "de Jong, W.": the form RIS readers and BibTeX both split correctly (BibTeX takes the
    lower-case "de" as its von part)."""
    if name.get("literal"):
        return name["literal"]
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    return f"{family}, {given}" if given else family


def _date(value) -> list:
    try:
        return [int(part) for part in value["date-parts"][0]]
    except (KeyError, IndexError, TypeError, ValueError):
        return []


def _pages(item: dict) -> tuple[str, str]:
    parts = re.split(r"\s*[\u2013\u2014-]+\s*", str(item.get("page") or "").strip(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def to_ris_record(item: dict) -> dict:
    record = {"type_of_reference": RIS_TYPES.get(item.get("type"), "GEN")}
    if item.get("author"):
        record["authors"] = [_family_first(n) for n in item["author"]]
    if item.get("editor"):
        record["secondary_authors"] = [_family_first(n) for n in item["editor"]]
    if item.get("title"):
        record["title"] = item["title"]
    container = item.get("container-title")
    if container:
        if item.get("type", "").startswith("article"):
            record["journal_name"] = container
        record["secondary_title"] = container
    year = issued_year(item)
    if year:
        record["year"] = str(year)
        parts = _date(item["issued"])
        record["date"] = "/".join(
            [str(parts[0])] + [f"{p:02d}" for p in parts[1:]] + [""] * (3 - len(parts))
        )
    for variable, key in (
        ("volume", "volume"),
        ("issue", "number"),
        ("publisher", "publisher"),
        ("publisher-place", "place_published"),
        ("DOI", "doi"),
        ("edition", "edition"),
        ("abstract", "abstract"),
        ("language", "language"),
        ("collection-title", "tertiary_title"),
    ):
        if item.get(variable):
            record[key] = str(item[variable])
    if item.get("ISBN"):
        record["issn"] = item["ISBN"]
    first, last = _pages(item)
    if first:
        record["start_page"] = first
    if last:
        record["end_page"] = last
    if item.get("URL"):
        record["urls"] = [item["URL"]]
    accessed = _date(item.get("accessed"))
    if len(accessed) == 3:
        record["access_date"] = "{:04d}/{:02d}/{:02d}".format(*accessed)
    if item.get("note"):
        record["notes"] = [item["note"]]
    return record


def to_ris(items: list[dict]) -> str:
    # rispy and bibtexparser (with pyparsing) are imported by the download that needs them, not
    # by every page whose template links to the downloads.
    import rispy

    return rispy.dumps([to_ris_record(item) for item in items])


BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _tex(text) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", str(text))


def _bib_name(name: dict) -> str:
    if name.get("literal"):
        return "{" + _tex(name["literal"]) + "}"
    return _tex(_family_first(name))


def bibtex_key(item: dict, taken: set[str]) -> str:
    names = item.get("author") or item.get("editor") or []
    family = names[0].get("family") or names[0].get("literal") if names else "anon"
    title_word = next((w for w in normalise(item.get("title", "")).split() if len(w) > 3), "")
    base = re.sub(r"\s+", "", normalise(family or "anon")) + str(issued_year(item) or "nd")
    base += title_word
    key, n = base or "ref", 1
    while key in taken:
        n += 1
        key = f"{base}{n}"
    taken.add(key)
    return key


def to_bibtex_entry(item: dict, key: str) -> dict:
    kind = item.get("type")
    entry = {"ENTRYTYPE": BIBTEX_TYPES.get(kind, "misc"), "ID": key}
    if item.get("author"):
        entry["author"] = " and ".join(_bib_name(n) for n in item["author"])
    if item.get("editor"):
        entry["editor"] = " and ".join(_bib_name(n) for n in item["editor"])
    if item.get("title"):
        entry["title"] = _tex(item["title"])
    container = item.get("container-title")
    if container:
        field = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle"}
        entry[field.get(entry["ENTRYTYPE"], "howpublished")] = _tex(container)
    year = issued_year(item)
    if year:
        entry["year"] = str(year)
    parts = _date(item.get("issued"))
    if len(parts) >= 2:
        entry["month"] = str(parts[1])
    for variable, field in (
        ("volume", "volume"),
        ("issue", "number"),
        ("edition", "edition"),
        ("publisher", "publisher"),
        ("publisher-place", "address"),
        ("ISBN", "isbn"),
        ("collection-title", "series"),
        ("note", "note"),
        ("language", "language"),
    ):
        if item.get(variable):
            entry[field] = _tex(item[variable])
    if kind == "report" and "publisher" in entry:
        entry["institution"] = entry.pop("publisher")
    if kind == "thesis" and "publisher" in entry:
        entry["school"] = entry.pop("publisher")
    first, last = _pages(item)
    if first:
        entry["pages"] = f"{first}--{last}" if last else first
    if item.get("DOI"):
        entry["doi"] = item["DOI"]
    if item.get("URL"):
        entry["url"] = item["URL"]
    accessed = _date(item.get("accessed"))
    if len(accessed) == 3:
        entry["urldate"] = "{:04d}-{:02d}-{:02d}".format(*accessed)
    return entry


def to_bibtex(items: list[dict]) -> str:
    from bibtexparser.bibdatabase import BibDatabase  # imported here: see to_ris
    from bibtexparser.bwriter import BibTexWriter

    database = BibDatabase()
    taken: set[str] = set()
    database.entries = [to_bibtex_entry(item, bibtex_key(item, taken)) for item in items]
    writer = BibTexWriter()
    writer.indent = "  "
    writer.order_entries_by = None
    return writer.write(database)


def to_csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def export(items: list[dict], fmt: str) -> str:
    return {"ris": to_ris, "bib": to_bibtex, "json": to_csl_json}[fmt](items)
