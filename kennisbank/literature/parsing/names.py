"""Splitting author and editor strings into CSL names, aware of Dutch particles.

Handles "IJzendoorn, M.H. van", "Jong, W. de & Jong, A. de", "Van IJzendoorn, M. H.",
"M.H. van IJzendoorn", "Marinus van IJzendoorn", "Romero, C., Paunesku, D., & Dweck, C.",
Vancouver "Smith JA, Jones B" and organisations (kept whole as {"literal": ...}).
"""

import re

from .lexicon import FIRST_NAMES, ORG_WORDS, PARTICLE_WORDS, PARTICLES

_ROLE_RE = re.compile(
    r"\(\s*(?:red|reds|eds?|hrsg|dir|coord|samenst|comp)\.?\s*\)\.?|"
    r"\b(?:red|reds|eds?)\.(?=\s*$|\s*[,;(])|\(editors?\)",
    re.IGNORECASE,
)
_TITLES_RE = re.compile(
    r"\b(?:prof|dr|drs|ir|ing|mr|ds|em|dra|lic|bc|msc|ma|phd|mevr|dhr)\.\s*(?=\S)",
    re.IGNORECASE,
)
_INITIALS_RE = re.compile(r"^(?:[A-ZÀ-ÞĲ][a-zà-ÿ]?\.?\s*-?\s*)+$")
# "Deci E.L.": family name, then dotted initials (a given-first name never ends so).
_FAMILY_DOTTED_RE = re.compile(
    r"^([^\s.]{2,}(?:[\s-][^\s.]{2,})*)\s+((?:[A-Z]\.\s?-?){1,3}[A-Z]?\.?)$"
)
_TIGHT_INITIALS_RE = re.compile(r"^[A-ZÀ-Þ]{1,4}$")  # Vancouver: "JA"
_PARTICLE_RE = "|".join(re.escape(p) for p in PARTICLES)
_TRAIL_PARTICLE_RE = re.compile(rf"^(.*?)\s+({_PARTICLE_RE})\.?$", re.IGNORECASE)
_LEAD_PARTICLE_RE = re.compile(rf"^({_PARTICLE_RE})\s+(\S.*)$", re.IGNORECASE)


def _norm_initials(given: str) -> str:
    """'M.H.' -> 'M. H.'; 'MH' -> 'M. H.'; full names stay as written."""
    given = given.strip().strip(",;")
    if not given:
        return ""
    if _TIGHT_INITIALS_RE.match(given):
        return " ".join(c + "." for c in given)
    if _INITIALS_RE.match(given):
        parts = re.findall(r"[A-ZÀ-ÞĲ][a-zà-ÿ]?\.?(?:\s*-\s*)?", given)
        out = []
        for p in parts:
            hyphen = "-" in p
            p = p.replace("-", "").strip()
            if not p.endswith("."):
                p += "."
            out.append(p + ("-" if hyphen else " "))
        return "".join(out).strip().replace("- ", "-")
    # Mixed: "Marinus H." or "D.J. Peter"
    words = given.split()
    return " ".join(_norm_initials(w) if _INITIALS_RE.match(w) else w for w in words)


_ORG_SUFFIXES = (
    "bureau",
    "raad",
    "instituut",
    "institute",
    "centrum",
    "dienst",
    "vereniging",
    "stichting",
    "academie",
    "groep",
    "ministerie",
    "inspectie",
    "school",
    "scholen",
    "platform",
    "netwerk",
    "federatie",
    "bond",
    "genootschap",
    "commissie",
    "fonds",
    "agentschap",
    "universiteit",
)


def _is_initials(part: str) -> bool:
    part = part.strip()
    return bool(_INITIALS_RE.match(part) or _TIGHT_INITIALS_RE.match(part))


def _is_given_part(part: str) -> bool:
    """Whether a comma-separated piece is the given-name half of an inverted name."""
    part = part.strip()
    if not part:
        return False
    m = _TRAIL_PARTICLE_RE.match(part)
    if m:
        part = m.group(1)
    if _INITIALS_RE.match(part) or _TIGHT_INITIALS_RE.match(part):
        return True
    words = part.split()
    return bool(words) and all(
        w.lower().strip(".") in FIRST_NAMES or _INITIALS_RE.match(w) for w in words
    )


def is_organisation(text: str) -> bool:
    words = [w.strip(".,;:()").lower() for w in text.split()]
    if any(w in ORG_WORDS or (len(w) > 6 and w.endswith(_ORG_SUFFIXES)) for w in words):
        return True
    if any(_INITIALS_RE.match(w) for w in text.split()) or "&" in text:
        return False
    if words and words[0] in FIRST_NAMES:
        return False
    return len(words) >= 4 and "," not in text


def _person(family: str, given: str) -> dict:
    family = family.strip().strip(",;")
    given = given.strip().strip(",;")
    name: dict = {}
    m = _TRAIL_PARTICLE_RE.match(given) if given else None
    if m and not _LEAD_PARTICLE_RE.match(family):
        given, particle = m.group(1), m.group(2)
        name["non-dropping-particle"] = particle.lower()
    else:
        lead = _LEAD_PARTICLE_RE.match(family)
        if lead and " " in family:
            name["non-dropping-particle"] = lead.group(1).lower()
            family = lead.group(2)
    name["family"] = family
    if given:
        name["given"] = _norm_initials(given)
    return {k: name[k] for k in ("family", "given", "non-dropping-particle") if k in name}


def _given_first(text: str) -> dict | None:
    """'M.H. van IJzendoorn' or 'Marinus van IJzendoorn' -> a person, else None."""
    words = text.split()
    if len(words) < 2:
        return None
    # Given names: leading initials or known first names.
    i = 0
    while i < len(words) - 1 and (
        _INITIALS_RE.match(words[i]) or words[i].lower().strip(".,") in FIRST_NAMES
    ):
        i += 1
    if i == 0:
        return None
    given = " ".join(words[:i])
    rest = words[i:]
    j = 0
    while j < len(rest) - 1 and rest[j].lower() in PARTICLE_WORDS:
        j += 1
    name = {"family": " ".join(rest[j:]).strip(",;")}
    name["given"] = _norm_initials(given)
    if j:
        name["non-dropping-particle"] = " ".join(rest[:j]).lower()
    return name


def _uncap(part: str) -> str:
    """'DE BRUYCKERE' -> 'De Bruyckere' (older Flemish lists print surnames in capitals)."""
    if not part.isupper() or not any(len(w.strip(".")) >= 4 for w in part.split()):
        return part
    out = part.title()
    return re.sub(r"\bIj", "IJ", out)


def split_names(text: str) -> list[dict]:
    """CSL name objects for an author or editor string."""
    text = _ROLE_RE.sub(" ", text)
    text = _TITLES_RE.sub("", text)
    text = re.sub(r"^\s*(?:in|in:)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(?:et al\.?|e\.a\.|u\.a\.)", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\((?:in druk|in press)\)", "", text, flags=re.IGNORECASE)
    text = text.replace("…", ",").replace("...", ",")
    text = re.sub(r"\s+", " ", text).strip(" ,;.:&")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1]
    if not text:
        return []
    if is_organisation(text) and not re.search(r",\s*[A-Z]\.", text):
        return [{"literal": text.strip(" .")}]
    # Normalise the list separators to ";".
    text = re.sub(r"\s*(?:,?\s*&|,?\s+and|,?\s+en|,?\s+und|,?\s+et)\s+", "; ", text)
    chunks = [c.strip() for c in text.split(";") if c.strip()]
    names: list[dict] = []
    for chunk in chunks:
        parts = [_uncap(p.strip()) for p in chunk.split(",") if p.strip()]
        # "Gelder, van, M." -> "Gelder, M. van": a particle standing alone between commas.
        merged: list[str] = []
        for j, p in enumerate(parts):
            if p.lower() in PARTICLES and merged and j + 1 < len(parts):
                parts[j + 1] = f"{parts[j + 1]} {p.lower()}"
                continue
            merged.append(p)
        parts = merged
        if len(parts) == 1 and " " not in parts[0] and len(chunks) == 1:
            # One word with no initials is an organisation (Onderwijsraad, Kinderombudsman).
            names.append({"literal": parts[0].strip(" .")})
            continue
        i = 0
        while i < len(parts):
            part = parts[i]
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            # Surnames can be first names too (Ryan, Thijs): pair unless `part` is initials.
            if nxt is not None and _is_given_part(nxt) and not _is_initials(part):
                names.append(_person(part, nxt))
                i += 2
                continue
            vanc = re.match(r"^(.+?)\s+([A-Z]{1,4})$", part)
            dotted = _FAMILY_DOTTED_RE.match(part)
            if dotted:
                names.append(_person(dotted.group(1), dotted.group(2)))
            elif vanc and not _given_first(part):
                names.append(_person(vanc.group(1), vanc.group(2)))
            else:
                gf = _given_first(part)
                if gf:
                    names.append(gf)
                elif (
                    is_organisation(part)
                    or len(part.split()) > 3
                    or (len(part.split()) >= 2 and not _LEAD_PARTICLE_RE.match(part) and not nxt)
                ):
                    names.append({"literal": part.strip(" .")})
                else:
                    names.append(_person(part, ""))
            i += 1
    return names
