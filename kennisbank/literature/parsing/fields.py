"""From labelled tokens to a CSL-JSON item: cleaning each field and deciding the type.

The CRF decides which words belong to which field; these rules then do what a sequence model
is bad at: exact identifiers (DOI, URL, ISBN) by regular expression, page ranges with an en
dash, volume/issue splitting, publisher/place order, edition numbers, the retrieval date,
genre phrases in titles, and the type policy.
"""

import re

from .lexicon import COUNTRIES, MONTHS, NEWSPAPERS, ORG_WORDS, PLACES, PUBLISHER_WORDS
from .names import is_organisation, split_names

OUTER = " \t.,;:/"
DOI_RE = re.compile(r"(?:doi\.org/|doi:\s*|DOI:?\s*)?(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
URL_RE = re.compile(r"(?:https?://|www\.)[^\s\"<>]+", re.IGNORECASE)
ISBN_RE = re.compile(r"ISBN(?:-1[03])?:?\s*((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx])")
YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)([a-z])?\b")
RANGE_RE = re.compile(r"([A-Za-z]?\d+)\s*(?:[-–—]+|\s+tot\s+)\s*([A-Za-z]?\d+)")
GENRE_WORDS = re.compile(
    r"proefschrift|dissertatie|dissertation|thesis|scriptie|rapport|report|werkdocument|"
    r"oratie|rede|lecture|intern document|cursustekst|syllabus|computerprogramma|"
    r"software|brochure|factsheet|handreiking|beleidsbrief|kamerbrief|notitie|white paper|"
    r"advies|webinar|podcast|video|presentatie|poster|lesbrief|paper presented|handleiding|"
    r"kamerstuk|wetsvoorstel|nieuwsbericht|blog|infographic|ongepubliceerd|unpublished|"
    r"manuscript|cursustekst|syllabus|reader|collegedictaat",
    re.IGNORECASE,
)
THESIS_RE = re.compile(
    r"proefschrift|dissertatie|dissertation|doctoral|thesis|scriptie|masterthesis|diss\b",
    re.IGNORECASE,
)
REPORT_RE = re.compile(
    r"rapport|report|werkdocument|eindverslag|notitie|monitor|kamerbrief|beleidsbrief|"
    r"advies|factsheet|handreiking|working paper|technical|brochure",
    re.IGNORECASE,
)
# Publishers that are research institutes or public bodies, not publishing houses: what they
# publish is a report (the findings' type policy).
INSTITUTE_RE = re.compile(
    r"instituut|institute|inspectie|\braad\b|raad$|ministerie|planbureau|bureau|"
    r"kenniscentrum|expertisecentrum|onderzoekscentrum|\b(?:ITS|SCP|NJi|CBS|RIVM|NRO|OCW|VWS|"
    r"Oberon|Sardes|Trimbos|Nivel|OECD|WRR|KPC|APS|ECBO|GION|CINOP|ROA|ResearchNed|SLO|"
    r"Kohnstamm|NCJ|Kennisnet|Ombudsman|Kinderombudsman)\b",
    re.IGNORECASE,
)
MANUSCRIPT_RE = re.compile(
    r"intern(?:e)? (?:document|notitie|rapport)|ongepubliceerd|unpublished|manuscript|"
    r"cursustekst|cursusmateriaal|syllabus|\breader\b|collegedictaat|lesmateriaal|course text",
    re.IGNORECASE,
)
SPEECH_RE = re.compile(
    r"oratie|inaugurele rede|afscheidsrede|rede\b|inaugural|keynote|lezing|speech", re.I
)
VANCOUVER_RE = re.compile(
    r"(?P<c>[A-ZÀ-Þ][^.;]+?)\.?\s+(?P<y>(?:1[5-9]|20)\d\d)(?:\s+\w+)?\s*;\s*(?P<v>\d+)"
    r"(?:\s*\((?P<i>[^)]+)\))?\s*:\s*(?P<p>\w?\d+(?:\s*[-–]\s*\w?\d+)?)"
)
EDITION_RE = re.compile(
    r"\(?\b(\d{1,2})\s*(?:e|de|ste|nd|rd|th|st)\.?\s*(?:,?\s*(?:herz(?:iene)?|gewijzigde|"
    r"uitgebreide|rev(?:ised)?|aangevulde)\.?\s*)?(?:dr(?:uk)?|ed(?:ition|itie)?)\b\.?\)?",
    re.IGNORECASE,
)
UNIVERSITY_RE = re.compile(r"universit|hogeschool|KU Leuven|\bUvA\b|\bVU\b", re.IGNORECASE)
ACCESSED_RE = re.compile(
    r"(?:geraadpleegd|bezocht|opgehaald|gedownload|retrieved|accessed|bekeken)"
    r"(?:\s+op)?\s+(?P<date>[^,]*?\d{4})",
    re.IGNORECASE,
)
RETRIEVAL_NOTE_RE = re.compile(
    r"^(?:geraadpleegd|opgehaald|verkregen|beschikbaar|gedownload|retrieved|available|"
    r"accessed|bezocht|bekeken|online|via|van|from|op|at|url|doi)\b",
    re.IGNORECASE,
)


def clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(OUTER)
    # Balanced outer brackets or quotes go; unbalanced ones are trimmed from the edges.
    for _ in range(3):
        if len(text) > 1 and text[0] + text[-1] in ("()", "[]", '""', "“”", "‘’", "''"):
            text = text[1:-1].strip(OUTER)
        if text.count("(") < text.count(")") and text.endswith(")"):
            text = text[:-1].strip(OUTER)
        if text.count("(") > text.count(")") and text.startswith("("):
            text = text[1:].strip(OUTER)
        if text.count("[") > text.count("]") and text.startswith("["):
            text = text[1:].strip(OUTER)
        text = text.strip('“”"‘’').strip(OUTER)
    return text


def parse_date(text: str) -> list[int] | None:
    """[year, month?, day?] from '2015', '(2015, 1 juni)', '20-10-2017', 'June 1, 2015'."""
    m = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", text)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return [y, mo, d]
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if m:
        return [int(m.group(1)), int(m.group(2)), int(m.group(3))]
    ym = YEAR_RE.search(text)
    if not ym:
        return None
    parts = [int(ym.group(1))]
    low = text.lower()
    month = None
    for word in re.findall(r"[a-zé]+", low):
        if word in MONTHS:
            month = MONTHS[word]
            break
    if month:
        parts.append(month)
        day = re.search(r"\b(\d{1,2})\b(?!\d)", re.sub(r"\b\d{4}\b", " ", text))
        if day and 1 <= int(day.group(1)) <= 31:
            parts.append(int(day.group(1)))
    return parts


def _pages(text: str) -> str:
    m = RANGE_RE.search(text)
    if m:
        return f"{m.group(1)}–{m.group(2)}"
    m = re.search(r"\b([A-Za-z]?\d+)\b", text)
    return m.group(1) if m else clean(text)


def _volume_issue(text: str) -> tuple[str, str]:
    t = text.strip()
    # Flemish "15 (2002) 4": volume, year, issue.
    m = re.search(r"(\d+)\s*\(\s*(?:1[5-9]|20)\d\d\s*\)\s*,?\s*(?:nr\.?\s*)?(\d+)", t)
    if m:
        return m.group(1), m.group(2)
    m = re.search(r"(\d+[A-Za-z]?)\s*\(\s*([^)]+?)\s*\)", t)
    if m:
        return m.group(1), m.group(2)
    m = re.search(
        r"(?:jaargang|jrg\.?|vol\.?|volume|deel|bd\.?|j\.)?\s*(\d+)\D*?"
        r"(?:nr\.?|no\.?|nummer|issue|afl\.?|aflevering|n°)\s*(\d+(?:[-/]\d+)?)",
        t,
        re.IGNORECASE,
    )
    if m:
        return m.group(1), m.group(2)
    m = re.search(r"(?:nr\.?|no\.?|nummer|issue|afl\.?)\s*(\d+)", t, re.IGNORECASE)
    if m and not re.search(r"(?:jaargang|vol)", t, re.IGNORECASE):
        return "", m.group(1)
    m = re.search(r"(\d+)", t)
    return (m.group(1) if m else clean(t)), ""


def _edition(text: str) -> str:
    m = re.search(r"(\d+)\s*(?:e|de|ste|nd|rd|th|st)?\b", text)
    if m:
        return m.group(1)
    words = {
        "tweede": "2",
        "derde": "3",
        "vierde": "4",
        "vijfde": "5",
        "second": "2",
        "third": "3",
        "fourth": "4",
        "fifth": "5",
        "zesde": "6",
    }
    for w, n in words.items():
        if w in text.lower():
            return n
    return clean(re.sub(r"\b(?:dr|druk|ed|edition|editie)\b\.?", "", text, flags=re.I))


def _place_publisher(pub: str, place: str) -> tuple[str, str]:
    """Sort out 'Plaats: Uitgever', 'Uitgever, Plaats' and a place repeated after it."""
    pub, place = pub.strip(), place.strip()
    # Several publishers ("Nijmegen: ITS / Amsterdam: Kohnstamm"): keep the first.
    both = f"{place} {pub}".strip() if place.endswith(":") else ""
    if " / " in both and both.count(":") >= 2:
        first_pair = both.split(" / ")[0]
        place, pub = (x.strip() for x in first_pair.split(":", 1))
    # A publication number after a semicolon is not part of the publisher.
    pub = re.split(r";\s*(?=\S)", pub)[0]
    if not place and ":" in pub:
        left, right = pub.split(":", 1)
        if left.strip() and right.strip():
            return clean(right), clean(left)
    if not pub and "," in place:
        # "New York, Plenum" tagged as place.
        left, right = place.split(",", 1)
        if left.strip(OUTER).lower() in PLACES and right.strip(OUTER):
            return clean(right), clean(left)
    if not place and "," in pub:
        left, right = pub.rsplit(",", 1)
        if right.strip(OUTER).lower() in PLACES:
            return clean(left), clean(right)
        if left.strip(OUTER).lower() in PLACES:
            return clean(right), clean(left)
    pub_c, place_c = clean(pub), clean(place)
    # "Bilthoven, De Werkplaats" tagged as place "Bilthoven, De": the article opens the publisher.
    m = re.match(r"^(.*?)[,\s]+(De|Het|The|Uitgeverij|Editions|Éditions)$", place_c)
    if m and pub_c:
        place_c, pub_c = clean(m.group(1)), f"{m.group(2)} {pub_c}"
    # "Rotterdam, Nederland": the country is not part of the place.
    head, sep, tail = place_c.rpartition(",")
    if sep and tail.strip(OUTER).lower() in COUNTRIES:
        place_c = clean(head)
    # A place tagged as publisher and a publisher tagged as place (reversed order).
    if place_c.lower() not in PLACES and pub_c.lower() in PLACES:
        pub_c, place_c = place_c, pub_c
    # "Amsterdam: Boom, Amsterdam" -> drop the repeated place.
    if place_c and pub_c.lower().endswith(", " + place_c.lower()):
        pub_c = pub_c[: -len(place_c) - 2]
    return pub_c, place_c


def _split_title(title: str, item: dict) -> str:
    """Move genre phrases, '(PDF)' and bracketed translations out of the title."""
    for pat in (r"\s*[\(\[]\s*(?:pdf|online|e-?book|website|video|podcast)\s*[\)\]][.,]?\s*$",):
        title = re.sub(pat, "", title, flags=re.IGNORECASE)
    # "Titel [Kamerbrief]. Rijksoverheid": a genre in brackets, then the site or publisher.
    mid = re.search(r"\s*\[([^\[\]]{2,60})\]\s*[.,]\s+(\S.*)$", title)
    if mid and GENRE_WORDS.search(mid.group(1)):
        item.setdefault("genre", clean(mid.group(1)))
        if "container-title" not in item and "publisher" not in item:
            item["_site"] = clean(mid.group(2))
        title = title[: mid.start()]
    m = re.search(r"\s*[\(\[]([^\(\)\[\]]{2,80})[\)\]]\s*[.,]?\s*$", title)
    if m:
        inner = m.group(1)
        if re.search(r"\d+\s*(?:e|de|nd|rd|th)?\s*(?:dr|druk|ed|editie|herz)", inner, re.I):
            item.setdefault("edition", _edition(inner))
            title = title[: m.start()]
        elif re.match(r"(?:vertaling|vert\.|vertaald|translated|transl\.|trans\.)", inner, re.I):
            who = re.sub(r"^\w+\.?\s*(?:door|by)?\s*:?\s*", "", inner)
            names = split_names(who) if who else []
            if names:
                item.setdefault("translator", names)
            title = title[: m.start()]
        elif GENRE_WORDS.search(inner):
            genre, _, where = inner.partition(",")
            item.setdefault("genre", clean(genre))
            if where.strip() and UNIVERSITY_RE.search(where):
                # APA 7 theses: "[Proefschrift, Universiteit Leiden]" names the university.
                item["_university"] = clean(where)
            title = title[: m.start()]
        elif title.strip().startswith("[") is False and m.group(0).strip().startswith("["):
            # A bracketed translation or description of the title.
            item.setdefault("note", clean(inner))
            title = title[: m.start()]
    return clean(title)


def _segments(tokens: list[str], labels: list[str]) -> list[tuple[str, str]]:
    segs: list[tuple[str, str]] = []
    for tok, lab in zip(tokens, labels, strict=True):
        if segs and segs[-1][0] == lab:
            segs[-1] = (lab, segs[-1][1] + " " + tok)
        else:
            segs.append((lab, tok))
    return segs


def build_item(text: str, tokens: list[str], labels: list[str]) -> dict:
    item: dict = {}
    segs = _segments(tokens, labels)
    by_label: dict[str, list[str]] = {}
    for lab, seg in segs:
        by_label.setdefault(lab, []).append(seg)

    def first(label: str) -> str:
        return by_label.get(label, [""])[0]

    # --- identifiers by regular expression over the whole string -------------------
    doi = DOI_RE.search(text)
    if doi:
        item["DOI"] = doi.group(1).rstrip(".,;)")
    for url in URL_RE.findall(text):
        url = url.rstrip(".,;)")
        if "doi.org/" in url.lower() and doi:
            continue
        item["URL"] = url if not url.lower().startswith("www.") else "https://" + url
        break
    isbn = ISBN_RE.search(text)
    if isbn:
        item["ISBN"] = re.sub(r"\s", "-", isbn.group(1))
    acc = ACCESSED_RE.search(text)
    if acc:
        parts = parse_date(acc.group("date"))
        if parts and len(parts) == 3:
            item["accessed"] = {"date-parts": [parts]}

    # --- names ------------------------------------------------------------------------
    author_text = " ".join(by_label.get("author", []))
    editor_texts = by_label.get("editor", [])
    editor_text = " ".join(editor_texts)
    role_only = re.fullmatch(
        r"\W*\(?(?:red|reds|eds?|editors?|hrsg|samenst)\.?\)?\W*", editor_text.strip(), re.I
    )
    authors_are_editors = bool(role_only) or bool(
        re.search(r"\((?:red|reds|eds?|editors?)\.?\)", author_text, re.I)
    )
    if authors_are_editors and author_text:
        item["editor"] = split_names(author_text)
    else:
        if author_text:
            item["author"] = split_names(author_text)
        if editor_text and not role_only:
            eds = split_names(editor_text)
            if eds:
                item["editor"] = eds
    if by_label.get("translator"):
        tr = split_names(
            re.sub(
                r"\b(?:vert|trans|transl|vertaald door|translated by)\.?",
                "",
                " ".join(by_label["translator"]),
                flags=re.I,
            )
        )
        if tr:
            item["translator"] = tr

    # --- date -------------------------------------------------------------------------
    date_text = first("date")
    parts = parse_date(date_text) if date_text else None
    if not parts and not re.search(r"\b(?:z\.\s?d|n\.\s?d|s\.\s?d)\b", date_text or "", re.I):
        # A year the model missed: the first plausible year outside titles and identifiers.
        stripped = DOI_RE.sub(" ", URL_RE.sub(" ", text))
        if acc:
            stripped = stripped.replace(acc.group(0), " ")
        for m in YEAR_RE.finditer(stripped):
            parts = [int(m.group(1))]
            break
    if parts:
        item["issued"] = {"date-parts": [parts]}

    # --- titles -----------------------------------------------------------------------
    title = first("title")
    edition_text = first("edition")
    # Words before "(3e dr.)" tagged as edition belong to the title.
    m = re.match(r"^(.*?[^\W\d_].*?)\s*(\(?\s*\d.*)$", edition_text)
    if m and title and len(m.group(1).split()) >= 2:
        title = f"{title} {m.group(1)}"
        by_label["edition"][0] = m.group(2)
    if not title:
        # No title found: the first longer genre or note segment after the date is one.
        seen_date = False
        for lab, seg in segs:
            seen_date = seen_date or lab == "date"
            bare = re.sub(r"[\(\[][^\)\]]*[\)\]]", "", seg)
            if seen_date and lab in ("genre", "note") and len(bare.split()) >= 2:
                title = seg
                by_label[lab].remove(seg)
                break
    if title:
        item["title"] = _split_title(title, item)
    container = first("container-title")
    if not container and item.get("title"):
        head, _, tail = item["title"].rpartition(". ")
        if head and tail.strip(OUTER).lower() in NEWSPAPERS:
            item["title"], container = clean(head), tail
    if container:
        container = re.sub(r"^\s*in:?\s+", "", container, flags=re.I)
        # Numbers run into the journal name: "Pedagogische Studiën 89:12-20".
        m = re.search(r"\s+(\d+)\s*(?:\((\w+)\))?\s*[:,]\s*(\d+\s*[-–]\s*\d+)\W*$", container)
        if m and "volume" not in by_label and "pages" not in by_label:
            by_label["volume"] = [m.group(1) + (f"({m.group(2)})" if m.group(2) else "")]
            by_label["pages"] = [m.group(3)]
            container = container[: m.start()]
        item["container-title"] = clean(container)
    if by_label.get("collection-title"):
        item["collection-title"] = clean(first("collection-title"))

    # --- numbers ----------------------------------------------------------------------
    if by_label.get("volume"):
        vol, iss = _volume_issue(" ".join(by_label["volume"]))
        if vol:
            item["volume"] = vol
        if iss:
            item["issue"] = iss
    if by_label.get("pages"):
        pages_text = first("pages")
        m = re.fullmatch(r"\W*(\d+)\s*:\s*(e?\d+(?:\s*[-–]\s*\d+)?)\W*", pages_text)
        if m and "volume" not in item:
            item["volume"] = m.group(1)
            pages_text = m.group(2)
        item["page"] = _pages(pages_text)
    if by_label.get("edition"):
        item["edition"] = _edition(first("edition"))

    # --- publisher and place ----------------------------------------------------------
    pub_text = " ".join(by_label.get("publisher", []))
    place_text = " ".join(by_label.get("location", []))
    if pub_text or place_text:
        pub, place = _place_publisher(pub_text, place_text)
        if pub:
            item["publisher"] = pub
        if place:
            item["publisher-place"] = place

    # --- genre and notes --------------------------------------------------------------
    if by_label.get("genre"):
        genre_text = " ".join(by_label["genre"])
        # "[Blog]. Onderwijsblog": the genre, then the site that published it.
        m = re.match(r"^\s*\[([^\]]+)\]\s*[.,]\s*(\S.*)$", genre_text)
        if m:
            genre_text = m.group(1)
            if "container-title" not in item and "publisher" not in item:
                item["container-title"] = clean(m.group(2))
        genre = clean(genre_text)
        if genre and not re.fullmatch(r"pdf|online|e-?book|website", genre, re.IGNORECASE):
            item["genre"] = genre
    notes = [clean(n) for n in by_label.get("note", [])]
    notes = [n for n in notes if n and not RETRIEVAL_NOTE_RE.match(n)]
    if notes:
        item["note"] = "; ".join(notes)

    _repair(item, text)
    _web_repair(item)
    item["type"] = decide_type(item, text)
    return item


def _web_repair(item: dict) -> None:
    """Web references: URLs inside text fields, a title in the author position, the site."""
    for key in ("title", "container-title", "publisher", "note"):
        if key in item and URL_RE.search(item[key]):
            stripped = clean(URL_RE.sub(" ", item[key]))
            if stripped:
                item[key] = stripped
            else:
                del item[key]
    if item.get("issued") and item.get("issued") == item.get("accessed"):
        del item["issued"]  # the retrieval date read twice, not a publication date
    authors = item.get("author", [])
    # "Hechting. (z.d.). In Wikipedia.": APA puts the title first when there is no author.
    if "title" not in item and len(authors) == 1 and "literal" in authors[0]:
        item["title"] = authors[0]["literal"]
        del item["author"]
    editors = item.get("editor", [])
    if len(editors) == 1 and "literal" in editors[0] and "container-title" not in item:
        item["container-title"] = editors[0]["literal"]
        del item["editor"]


def _repair(item: dict, text: str) -> None:
    """Rules for what the CRF most often gets wrong, applied to the assembled item."""
    container = item.get("container-title", "")
    title = item.get("title", "")
    if container and title:
        pos = text.find(container[:12])
        before = text[max(0, pos - 60) : pos] if pos >= 0 else ""
        introduced = re.search(r"(?:^|[.,]\s*)(?:In|IN)\s|\b[Ii]n:\s", before)
        numbered = any(k in item for k in ("volume", "issue", "page"))
        if item.get("publisher") and not numbered and not introduced and "editor" not in item:
            # A book's subtitle tagged as container: "Leren en instructie. Psychologie van ...".
            item["title"] = (
                f"{title}. {container}" if title[-1] not in "?!" else f"{title} {container}"
            )
            del item["container-title"]
        else:
            # A subtitle run into the journal name: "...programs? Results of a meta-analysis.
            # Review of Educational Research".
            m = re.match(r"^((?:\S+\s+){2,}\S*[a-z]{3}[.?!])\s+([A-Z]\S*(?:\s+\S+)+)$", container)
            if m and not re.search(r"\b[A-Z][a-z]{0,4}\.\s", m.group(1)):
                sep = " " if title[-1] in "?!" else ". "
                item["title"] = title + sep + clean(m.group(1))
                item["container-title"] = clean(m.group(2))
    site = item.pop("_site", None)
    if site and "container-title" not in item:
        item["container-title"] = site
    uni = item.pop("_university", None)
    if uni and (not item.get("publisher") or uni.lower() in item["publisher"].lower()):
        item["publisher"] = uni
    # An edition anywhere in the string ("Amsterdam, SWP. 2e druk.").
    m = EDITION_RE.search(text)
    if m and "edition" not in item:
        item["edition"] = m.group(1)
    for key in ("publisher", "publisher-place", "title"):
        if key in item and m and key != "title":
            cut = clean(EDITION_RE.sub("", item[key]))
            if cut:
                item[key] = cut
    # A newspaper tagged as publisher.
    pub = item.get("publisher", "")
    if pub.lower() in NEWSPAPERS and "container-title" not in item:
        item["container-title"] = item.pop("publisher")
    # Vancouver journal tails: "Caleidoscoop 2015;27(4):6-13."
    if "container-title" not in item:
        v = VANCOUVER_RE.search(text)
        if v:
            item["container-title"] = clean(v["c"])
            item.setdefault("issued", {"date-parts": [[int(v["y"])]]})
            item["volume"] = v["v"]
            if v["i"]:
                item["issue"] = v["i"]
            item["page"] = _pages(v["p"])
            title = item.get("title", "")
            cut = title.find(v["c"].strip()[:20])
            if cut > 0:
                item["title"] = clean(title[:cut])


def _is_org_name(names: list[dict]) -> bool:
    return bool(names) and "literal" in names[0]


def decide_type(item: dict, text: str) -> str:
    genre = item.get("genre", "") + " " + item.get("note", "")
    low = text.lower()
    has_container = "container-title" in item
    has_numbers = any(k in item for k in ("volume", "issue"))
    publisher = item.get("publisher", "")
    if SPEECH_RE.search(genre):
        return "speech"
    if MANUSCRIPT_RE.search(genre):
        return "manuscript"
    if REPORT_RE.search(genre):
        return "report"
    if re.search(r"computerprogramma|software|\bapp\b|computer program|programmatuur", genre, re.I):
        return "software"
    if THESIS_RE.search(genre) or re.search(
        r"\b(?:proefschrift|dissertatie|doctoral "
        r"dissertation|phd thesis)\b",
        low,
    ):
        return "thesis"
    container_low = item.get("container-title", "").lower()
    full_date = len((item.get("issued") or {}).get("date-parts", [[0]])[0]) > 1
    if has_container and (
        container_low in NEWSPAPERS
        or (
            full_date
            and not has_numbers
            and "URL" not in item
            and "editor" not in item
            and not publisher
        )
    ):
        return "article-newspaper" if container_low in NEWSPAPERS else "article-magazine"
    if has_container and not has_numbers:
        pos = text.find(item["container-title"][:12])
        before = text[max(0, pos - 80) : pos] if pos >= 0 else ""
        online_only = "URL" in item and not publisher and "page" not in item
        if "editor" in item or (
            not online_only and re.search(r"(?:^|[.,]\s*)(?:In|IN)\s|\b[Ii]n:\s", before)
        ):
            return "chapter"
        if "URL" in item and not publisher and "page" not in item:
            return "webpage"
    if has_container and "volume" not in item and "page" in item:
        pos = text.find(item["container-title"][:12])
        after = text[pos:].lower() if pos >= 0 else ""
        if any(re.search(rf"\b{m}\b", after) for m in MONTHS if len(m) > 3):
            # "Didactief, oktober 2018, 12-14": a monthly magazine, not a journal volume.
            return "article-magazine"
    if has_container and (has_numbers or ("page" in item and not publisher)):
        return "article-journal"
    if "DOI" in item and "diss" in item["DOI"].lower():
        return "thesis"
    if "editor" in item and "author" not in item and publisher:
        return "book"  # an edited volume
    if (
        publisher
        and UNIVERSITY_RE.search(publisher)
        and not has_container
        and not (any(w in publisher.lower() for w in PUBLISHER_WORDS))
        and not re.search(
            r"departement|faculteit|afdeling|vakgroep|lectoraat|press|uitgeverij",
            publisher,
            re.IGNORECASE,
        )
    ):
        return "thesis"
    authors = item.get("author", [])
    org_author = _is_org_name(authors)
    if org_author:
        org = authors[0]["literal"].lower()
        if not publisher or publisher.lower() == org or org in publisher.lower():
            if "URL" in item and not item["URL"].lower().endswith(".pdf") and not publisher:
                return "webpage"
            return "report"
        if is_organisation(publisher) and not any(w in publisher.lower() for w in PUBLISHER_WORDS):
            return "report"
    if has_container and not publisher:
        if "URL" in item:
            return "webpage"
        return "article-journal"
    if publisher:
        if re.search(
            r"departement|faculteit|afdeling|vakgroep|lectoraat|kenniscentrum",
            publisher,
            re.IGNORECASE,
        ):
            return "report"
        if INSTITUTE_RE.search(publisher) and not any(
            w in publisher.lower().split() for w in PUBLISHER_WORDS
        ):
            return "report"
        if any(w in publisher.lower().split() for w in ORG_WORDS) and REPORT_RE.search(
            item.get("title", "")
        ):
            return "report"
        return "book"
    if "URL" in item:
        if item["URL"].lower().endswith(".pdf"):
            return "report"
        return "webpage"
    if "editor" in item and "author" not in item:
        return "book"
    return "book"
