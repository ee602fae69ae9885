"""Tokenising reference strings and turning tokens into CRF features.

Tokens are whitespace-separated words that keep their punctuation, as in AnyStyle's labelled
set: the punctuation around a word ("(2015).", "Boom.", "In") is exactly what tells the fields
apart, so it goes into the features instead of being thrown away.
"""

import re
import unicodedata

from .lexicon import FIRST_NAMES, MONTHS, ORG_WORDS, PARTICLE_WORDS, PLACES, PUBLISHER_WORDS

URL_RE = re.compile(r"^(?:https?://|www\.)|^doi:|^10\.\d{4,9}/", re.IGNORECASE)
# A word glued to the next one by punctuation ("(2015).Titel", "Amsterdam:Boom").
_GLUE_RE = re.compile(
    r"(?<=[0-9\)\]]\.)(?=[A-Z(\[])"  # "(2015).Titel"
    r"|(?<=\S\.)(?=\()"  # "B.(2010)"
    r"|(?<=[a-z]{3}\.)(?=[A-Z][a-z]+:)"  # "boek.Amsterdam:"
    r"|(?<=\S[,;:])(?=[A-Z(\[])"  # "Jansen,A." / "Amsterdam:Boom"
)
_STRIP = "\"'“”‘’«»()[]{}.,:;!?*"
DUTCH_KEYWORDS = {
    "in",
    "in:",
    "red",
    "reds",
    "eds",
    "ed",
    "dr",
    "druk",
    "herz",
    "herziene",
    "blz",
    "pp",
    "p",
    "geraadpleegd",
    "op",
    "van",
    "retrieved",
    "from",
    "available",
    "beschikbaar",
    "via",
    "proefschrift",
    "dissertatie",
    "thesis",
    "doctoral",
    "dissertation",
    "rapport",
    "report",
    "vol",
    "jaargang",
    "nr",
    "no",
    "deel",
    "editie",
    "edition",
    "uitg",
    "uitgave",
    "reeks",
    "series",
    "tijdschrift",
    "journal",
    "zd",
    "nd",
    "z.d.",
    "n.d.",
    "et",
    "al",
    "&",
    "en",
    "and",
    "trans",
    "vert",
    "vertaald",
    "ongepubliceerd",
    "masterthesis",
    "scriptie",
    "oratie",
    "rede",
    "lecture",
    "bulletin",
    "handboek",
    "pdf",
    "online",
    "website",
}


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def tokenize(text: str) -> list[str]:
    tokens = []
    for raw in normalise_text(text).split(" "):
        if URL_RE.search(raw):
            tokens.append(raw)
            continue
        tokens.extend(t for t in _GLUE_RE.split(raw) if t)
    return tokens


def _shape(word: str) -> str:
    shape = re.sub(r"[A-ZÀ-Þ]", "A", word)
    shape = re.sub(r"[a-zß-ÿ]", "a", shape)
    shape = re.sub(r"\d", "9", shape)
    return re.sub(r"(.)\1+", r"\1\1", shape)[:8]


def _bucket(n: int, edges=(0, 1, 2, 3, 5, 8)) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return "more"


def token_features(tokens: list[str]) -> list[dict]:
    """Features for each token; the cumulative ones (a year already seen, how many full stops
    before) carry the position within the reference that a ±2 window cannot see."""
    core = []
    for tok in tokens:
        bare = tok.strip(_STRIP)
        low = bare.lower()
        f = {
            "w": low[:20],
            "suf3": low[-3:],
            "pre3": low[:3],
            "shape": _shape(tok),
            "last": tok[-1] if tok else "",
            "first": tok[0] if tok else "",
            "cap": bare[:1].isupper(),
            "upper": bare.isupper() and len(bare) > 1,
            "digit": bare.isdigit(),
            "year": bool(re.fullmatch(r"(1[5-9]|20)\d\d[a-z]?", bare)),
            "range": bool(re.fullmatch(r"\d+\s*[-–—]\s*\d+", bare)),
            "initial": bool(re.fullmatch(r"(?:[A-ZÀ-Þ][a-z]?\.-?)+", tok.strip(",;&"))),
            "url": bool(URL_RE.search(tok)) or ".nl/" in tok or ".com/" in tok,
            "doi": "10." in tok and "/" in tok,
            "paren_open": tok.startswith("("),
            "paren_close": tok.rstrip(".,:;").endswith(")"),
            "bracket": tok.startswith("["),
            "colon": tok.endswith(":"),
            "period": tok.endswith("."),
            "comma": tok.endswith(","),
            "particle": low in PARTICLE_WORDS and bare.islower(),
            "month": low in MONTHS,
            "place": low in PLACES,
            "pub": low in PUBLISHER_WORDS,
            "org": low in ORG_WORDS,
            "given": low in FIRST_NAMES,
            "kw": low if low in DUTCH_KEYWORDS else "",
            "len": _bucket(len(bare), (1, 2, 3, 5, 8)),
        }
        core.append(f)

    feats = []
    year_seen = 0
    stops = 0
    n = len(tokens)
    for i, f in enumerate(core):
        d = {"bias": 1.0}
        d.update(f)
        d["pos"] = _bucket(i, (0, 1, 2, 4, 8, 16, 32))
        d["rpos"] = _bucket(n - 1 - i, (0, 1, 2, 4, 8, 16))
        d["year_seen"] = _bucket(year_seen, (0, 1))
        d["stops"] = _bucket(stops, (0, 1, 2, 3, 4, 6))
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                o = core[j]
                for k in ("w", "shape", "last", "initial", "year", "kw", "cap", "particle"):
                    d[f"{off}:{k}"] = o[k]
            else:
                d[f"{off}:edge"] = True
        if i > 0:
            d["-1w|w"] = core[i - 1]["w"] + "|" + f["w"]
        if i + 1 < n:
            d["w|+1w"] = f["w"] + "|" + core[i + 1]["w"]
        feats.append(d)
        if f["year"]:
            year_seen += 1
        if tokens[i].endswith((".", "?", "!", ".)", ".”")) and not f["initial"]:
            stops += 1
    return feats
