"""Dutch training strings rendered from invented records.

Every record is made up from the word pools below and rendered through one of several
reference styles seen in Dutch lists (APA 7 in Dutch, older APA with "Plaats: Uitgever",
Flemish particle order, given-name-first, "In:" chapters, "blz."). Each rendered piece
carries its label, so the strings come out labelled for free. These strings teach the
CRF Dutch cue words; they are never used to measure accuracy (template strings overstate it).
"""

import random

_SURNAMES = """
Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra Koster
Prins Huisman Kuipers Veenstra Kok Schouten Postma Timmermans Groen Willems Hoekstra Maas
Verhoeven Sanders Jansen Kramer Vermeulen Scholten Evers Boer Koning Hermans Wolters
Martens Claes Peeters Maes Goossens Wouters Lambrechts Verbeke Desmet Coppens Janssens
Aerts Jacobs Mertens Vandenberghe Huybrechts Blom Zwart Veldhuis Wessels Geerts Rutten
Oosterhout Lammers Terpstra Bruining Haverkamp Kuijpers Steenbergen Lodewijks Roelofs
IJsselmuiden IJzerman Oudhof Ekkers Nauta Reitsma Boersma Zijlstra Hofstede Struik
Smith Johnson Brown Miller Davis Wilson Taylor Clark Lewis Walker Hall Young King Wright
"""
SURNAMES = _SURNAMES.split()
PARTICLE_SURNAMES = [
    ("de", "Jong"),
    ("van", "Dijk"),
    ("van der", "Linden"),
    ("van den", "Berg"),
    ("de", "Vries"),
    ("van", "Leeuwen"),
    ("ter", "Horst"),
    ("ten", "Dam"),
    ("van der", "Meer"),
    ("de", "Graaf"),
    ("van", "Beek"),
    ("de", "Wit"),
    ("van 't", "Hof"),
    ("in 't", "Veld"),
    ("van de", "Ven"),
    ("van der", "Heijden"),
    ("de", "Boer"),
    ("van", "Dongen"),
    ("op de", "Beek"),
    ("van den", "Bosch"),
    ("de", "Haan"),
    ("ten", "Brink"),
    ("van", "Rooij"),
    ("de", "Groot"),
    ("van der", "Wal"),
    ("te", "Riele"),
    ("van", "Wijk"),
]
_GIVEN = """
Anna Bram Carla Daan Eva Frank Gerda Hanna Ingrid Jeroen Karin Lotte Marieke Niels Olga
Pieter Roos Sanne Tom Ursula Vera Wouter Yvonne Johan Elske Rik Marjolein Thijs Femke Joris
"""
GIVEN = _GIVEN.split()
ORGS = [
    "Inspectie van het Onderwijs",
    "Onderwijsraad",
    "Nederlands Jeugdinstituut",
    "SLO",
    "Cito",
    "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "Kennisnet",
    "Centraal Bureau voor de Statistiek",
    "Sociaal en Cultureel Planbureau",
    "PO-Raad",
    "VO-raad",
    "Nationaal Regieorgaan Onderwijsonderzoek",
    "Trimbos-instituut",
    "Vlaamse Onderwijsraad",
    "Stichting Leerplanontwikkeling",
    "Kenniscentrum Jeugd",
    "Gezondheidsraad",
    "Rijksinstituut voor Volksgezondheid en Milieu",
    "Oberon",
    "Expertisecentrum Nederlands",
    "Landelijk Centrum Onderwijs en Jeugd",
]
PUBLISHERS = [
    "Boom",
    "Bohn Stafleu van Loghum",
    "Coutinho",
    "SWP",
    "Garant",
    "Acco",
    "Lannoo Campus",
    "Pica",
    "Noordhoff Uitgevers",
    "Uitgeverij Pica",
    "ThiemeMeulenhoff",
    "Routledge",
    "Springer",
    "Wiley",
    "Sage",
    "Nieuwezijds",
    "Bazalt",
    "CPS",
    "Amsterdam University Press",
    "Van Gorcum",
    "Boom Lemma",
    "Uitgeverij Coutinho",
    "Lemniscaat",
    "Prometheus",
    "Wolters-Noordhoff",
    "Guilford Press",
    "Uitgeverij SWP",
    "Boom uitgevers Amsterdam",
    "Pelckmans",
    "Ambo|Anthos",
    "Balans",
    "Atlas Contact",
    "Kwintessens",
    "Van Duuren Media",
]
PLACES = [
    "Amsterdam",
    "Utrecht",
    "Houten",
    "Bussum",
    "Leuven",
    "Antwerpen",
    "Huizen",
    "Groningen",
    "Assen",
    "Rotterdam",
    "Den Haag",
    "Amersfoort",
    "Apeldoorn",
    "Nijmegen",
    "Tielt",
    "Kalmthout",
    "Meppel",
    "Leiden",
    "Culemborg",
    "Baarn",
    "London",
    "New York",
    "Tilburg",
    "Zwolle",
    "Gent",
    "Den Bosch",
    "Enschede",
    "Heerlen",
]
JOURNALS = [
    "Pedagogische Studiën",
    "Tijdschrift voor Orthopedagogiek",
    "Kind en Adolescent",
    "Tijdschrift voor Lerarenopleiders",
    "Pedagogiek",
    "Onderwijsinnovatie",
    "Tijdschrift voor Onderwijsonderzoek",
    "Van Twaalf tot Achttien",
    "Didactief",
    "JSW",
    "Jeugd en Co Kennis",
    "Tijdschrift voor Psychiatrie",
    "Gedragstherapie",
    "Psychologie & Gezondheid",
    "Basisschoolmanagement",
    "Learning and Instruction",
    "Educational Psychology Review",
    "Child Development",
    "Journal of Educational Psychology",
    "Tijdschrift voor Remedial Teaching",
    "Zorg Primair",
    "Kind & Adolescent Review",
    "Onderwijs en Gezondheidszorg",
    "Tijdschrift voor Ontwikkelingsgerichte Psychologie",
    "Mens en Maatschappij",
    "Tijdschrift voor Pedagogiek",
    "Orthopedagogiek: Onderzoek en Praktijk",
]
NOUNS = """
hechting motivatie feedback zelfregulatie hoogbegaafdheid leesvaardigheid rekenonderwijs
gedragsproblemen executieve functies ouderbetrokkenheid burgerschap taalontwikkeling
pesten klassenmanagement differentiatie toetsing leerlingbegeleiding faalangst spel
samenwerkend leren woordenschat dyslexie autisme jeugdhulp schooluitval mentorschap
welbevinden onderwijskwaliteit professionalisering schoolleiderschap leerkrachtgedrag
"""
NOUN_LIST = NOUNS.split()
TITLE_PATTERNS = [
    "{A} in het basisonderwijs",
    "{A} en {B} bij jonge kinderen",
    "Over {a} en {b}",
    "De rol van {a} in de klas",
    "{A}: een praktische handleiding",
    "{A} in de praktijk. Handboek voor leraren",
    "Werken aan {a}",
    "Handboek {a}",
    "Effecten van {a} op {b} in het voortgezet onderwijs",
    "{A} bij leerlingen met {b}",
    "Naar een nieuwe kijk op {a}",
    "Wat werkt bij {a}? Een overzicht van onderzoek",
    "{A} en {b}: een literatuurstudie",
    "Het belang van {a} voor {b}",
    "Leren over {a}. Theorie en praktijk",
    "{A} op school. Signaleren, begrijpen en begeleiden",
    "The role of {a} in learning",
    "Kinderen en {a}",
    "{A} als opdracht voor de school",
    "Staat van {a} 2019",
    "Monitor {a}: eindrapport",
    "Zicht op {a}",
]
MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)  # noqa: S311 - reproducible data, not security

    def ch(self, seq):
        return self.r.choice(seq)

    def p(self, prob):
        return self.r.random() < prob

    # -- pieces ------------------------------------------------------------------------
    def person(self):
        n_init = self.ch([1, 1, 2, 2, 3])
        initials = [self.ch("ABCDEFGHIJKLMNPRSTVW") for _ in range(n_init)]
        if self.p(0.35):
            particle, family = self.ch(PARTICLE_SURNAMES)
        else:
            particle, family = "", self.ch(SURNAMES)
        return {
            "initials": initials,
            "particle": particle,
            "family": family,
            "given": self.ch(GIVEN),
        }

    def fmt_initials(self, person, style):
        if style == "spaced":
            return " ".join(i + "." for i in person["initials"])
        if style == "tight":
            return "".join(i + "." for i in person["initials"])
        return person["given"]

    def fmt_person(self, person, order, init_style):
        ini = self.fmt_initials(person, init_style)
        particle, family = person["particle"], person["family"]
        if order == "nl":  # Jong, W. de
            return f"{family}, {ini}" + (f" {particle}" if particle else "")
        if order == "flemish":  # De Jong, W.
            name = (particle[:1].upper() + particle[1:] + " " + family) if particle else family
            return f"{name}, {ini}"
        # given first: W. de Jong
        return f"{ini} {particle + ' ' if particle else ''}{family}"

    def fmt_people(self, people, order, init_style):
        names = [self.fmt_person(x, order, init_style) for x in people]
        if len(names) == 1:
            return names[0]
        joiner = self.ch([", & ", " & ", " en ", ", ", " and "])
        sep = "; " if order != "given" and self.p(0.15) else ", "
        return sep.join(names[:-1]) + joiner + names[-1]

    def title(self):
        a, b = self.r.sample(NOUN_LIST, 2)
        t = self.ch(TITLE_PATTERNS).format(a=a, b=b, A=a[:1].upper() + a[1:], B=b)
        return t

    def year(self):
        return str(self.r.randint(1975, 2024))

    def date_piece(self, year, style):
        if style == "paren_dot":
            return f"({year})."
        if style == "paren":
            return f"({year})"
        if style == "bare_dot":
            return f"{year}."
        if style == "bare_comma":
            return f"{year},"
        if style == "full":
            return f"({year}, {self.r.randint(1, 28)} {self.ch(MONTHS_NL)})."
        return f"({year})."

    def pages(self):
        a = self.r.randint(1, 400)
        b = a + self.r.randint(2, 30)
        return a, b


def render(gen: Gen) -> list[tuple[str, str]]:
    """One labelled reference: a list of (text, label) pieces in order."""
    g = gen
    kind = g.ch(
        [
            "book",
            "book",
            "chapter",
            "chapter",
            "article",
            "article",
            "article",
            "report",
            "webpage",
            "thesis",
            "edited",
        ]
    )
    order = g.ch(["nl", "nl", "nl", "flemish", "given"])
    init_style = g.ch(["spaced", "tight", "tight"] + (["full"] if order == "given" else []))
    people = [g.person() for _ in range(g.ch([1, 1, 1, 2, 2, 3, 4]))]
    year = g.year()
    date_style = g.ch(["paren_dot", "paren_dot", "paren_dot", "paren", "bare_dot", "bare_comma"])
    out: list[tuple[str, str]] = []
    # Authors (an organisation for reports and many web pages).
    if kind == "report" or (kind == "webpage" and g.p(0.5)):
        org = g.ch(ORGS)
        out.append((org + ("." if date_style.startswith("bare") else ""), "author"))
    elif kind == "edited":
        out.append((g.fmt_people(people, order, init_style), "author"))
        out.append((g.ch(["(Red.).", "(red.).", "(Eds.).", "(Red.)", "(ed.)."]), "editor"))
        kind = "book"
        people = []
    else:
        out.append((g.fmt_people(people, order, init_style), "author"))
    # Fix editors labelled as "author" when they were editors of a whole book.
    if out[-1][1] == "editor":
        out[-2] = (out[-2][0], "editor")
    if kind == "webpage" and g.p(0.3):
        date_style = "full"
    if g.p(0.04):
        out.append((g.ch(["(z.d.).", "(n.d.)."]), "date"))
    else:
        out.append((g.date_piece(year, date_style), "date"))
    title = g.title()
    end = g.ch([".", ".", ".", ","]) if kind != "article" else "."
    edition = ""
    if kind == "book" and g.p(0.3):
        edition = g.ch(
            [
                "(2e dr.)",
                "(3e herz. dr.)",
                "(2nd ed.)",
                "(4e druk)",
                "(5e dr.)",
                "(2e, herz. dr.)",
                "(3rd ed.)",
            ]
        )
    genre = ""
    if kind == "report" and g.p(0.4):
        genre = g.ch(
            [
                "(Rapport nr. 2019-03)",
                "(Werkdocument)",
                "(Eindrapport)",
                "(Onderzoeksrapport)",
                "[Rapport]",
                "(Technisch rapport)",
            ]
        )
    if kind == "thesis" and g.p(0.5):
        genre = g.ch(
            [
                "(Proefschrift)",
                "[Proefschrift]",
                "(Doctoral dissertation)",
                "(Masterthesis)",
                "(Dissertatie)",
            ]
        )
    if edition:
        out.append((title, "title"))
        out.append((edition + ".", "edition"))
    elif genre:
        out.append((title, "title"))
        out.append((genre + ".", "genre"))
    else:
        out.append((title + end, "title"))

    def publisher_tail(pub=None):
        pub = pub or g.ch(PUBLISHERS)
        place = g.ch(PLACES)
        style = g.ch(["place_pub", "place_pub", "pub", "pub", "pub_place", "pub_comma_place"])
        if style == "place_pub":
            out.append((place + ":", "location"))
            out.append((pub + ".", "publisher"))
        elif style == "pub":
            out.append((pub + ".", "publisher"))
        elif style == "pub_place":
            out.append((pub + ",", "publisher"))
            out.append((place + ".", "location"))
        else:
            out.append((place + ",", "location"))
            out.append((pub + ".", "publisher"))

    if kind == "book":
        publisher_tail()
    elif kind == "chapter":
        eds = [g.person() for _ in range(g.ch([1, 1, 2, 3]))]
        ed_order = g.ch(["given", "given", "nl"])
        ed_init = g.ch(["spaced", "tight"])
        intro = g.ch(["In", "In", "In:", "In"])
        ed_tag = g.ch(["(Red.),", "(red.),", "(Eds.),", "(Ed.),", "(red.)", "(Reds.),"])
        out.append((intro, "editor"))
        out.append((g.fmt_people(eds, ed_order, ed_init), "editor"))
        out.append((ed_tag, "editor"))
        out.append((g.title().rstrip(".") + ("," if g.p(0.3) else ""), "container-title"))
        a, b = g.pages()
        pp = g.ch(
            [
                "(pp. {a}-{b}).",
                "(p. {a}-{b}).",
                "(blz. {a}-{b}).",
                "(pp. {a}–{b}).",
                "p. {a}-{b}.",
                "pp. {a}-{b}.",
            ]
        )
        if g.p(0.15):
            out.append((g.ch(["(2e dr.,", "(3rd ed.,"]), "edition"))
            pp = "pp. {a}-{b})."
        out.append((pp.format(a=a, b=b), "pages"))
        publisher_tail()
    elif kind == "article":
        journal = g.ch(JOURNALS)
        vol = g.r.randint(1, 60)
        iss = g.r.randint(1, 12)
        a, b = g.pages()
        style = g.ch(["apa", "apa", "apa", "novol", "jg", "colon"])
        if style == "apa":
            out.append((journal + ",", "container-title"))
            out.append((f"{vol}({iss}),", "volume"))
            out.append((f"{a}-{b}.", "pages"))
        elif style == "novol":
            out.append((journal + ",", "container-title"))
            out.append((f"{vol},", "volume"))
            out.append((f"{a}–{b}.", "pages"))
        elif style == "jg":
            out.append((journal + ",", "container-title"))
            out.append(
                (
                    g.ch(
                        [
                            f"jaargang {vol}, nr. {iss},",
                            f"{vol}, nr. {iss},",
                            f"jrg. {vol}, nr. {iss},",
                        ]
                    ),
                    "volume",
                )
            )
            out.append((f"{g.ch(['p.', 'blz.', 'pp.'])} {a}-{b}.", "pages"))
        else:
            out.append((journal, "container-title"))
            out.append((f"{vol}({iss}):", "volume"))
            out.append((f"{a}-{b}.", "pages"))
        if g.p(0.35):
            doi = (
                f"10.{g.r.randint(1000, 9999)}/{g.ch(['pds', 'kind', 'jep', 'lin'])}."
                f"{g.r.randint(2000, 2024)}.{g.r.randint(100, 9999)}"
            )
            out.append((g.ch([f"https://doi.org/{doi}", f"doi:{doi}", f"DOI: {doi}"]), "doi"))
    elif kind == "report":
        if g.p(0.5):
            publisher_tail(out[0][0].rstrip("."))
        else:
            out.append((g.ch(["Geraadpleegd van", "Opgehaald van", "Retrieved from"]), "note"))
            out.append((g.url(), "url") if hasattr(g, "url") else (_url(g), "url"))
    elif kind == "thesis":
        uni = g.ch(
            [
                "Universiteit Utrecht",
                "Universiteit van Amsterdam",
                "Rijksuniversiteit Groningen",
                "Universiteit Leiden",
                "KU Leuven",
                "Radboud Universiteit",
                "Open Universiteit",
                "Universiteit Gent",
                "Vrije Universiteit Amsterdam",
            ]
        )
        if genre:
            out.append((uni + ".", "publisher"))
        else:
            out.append((g.ch(["Proefschrift,", "Doctoral dissertation,", "Dissertatie,"]), "genre"))
            out.append((uni + ".", "publisher"))
    elif kind == "webpage":
        if g.p(0.5):
            site = g.ch(
                [
                    "Wij-leren.nl",
                    "Kennisnet",
                    "NJi",
                    "Onderwijs Maak Je Samen",
                    "Leraar24",
                    "Didactief Online",
                    "Rijksoverheid",
                ]
            )
            out.append((site + ".", "container-title"))
        if g.p(0.6):
            out.append(("Geraadpleegd op", "accessed"))
            out.append(
                (f"{g.r.randint(1, 28)} {g.ch(MONTHS_NL)} {g.r.randint(2010, 2025)},", "accessed")
            )
            out.append(("van", "accessed"))
        elif g.p(0.5):
            out.append((g.ch(["Geraadpleegd van", "Opgehaald van", "Verkregen via"]), "note"))
        out.append((_url(g), "url"))
    return out


def _url(g: Gen) -> str:
    host = g.ch(
        [
            "www.nji.nl",
            "wij-leren.nl",
            "www.onderwijsinspectie.nl",
            "www.slo.nl",
            "www.kennisnet.nl",
            "www.rijksoverheid.nl",
            "www.poraad.nl",
            "www.nro.nl",
        ]
    )
    path = "-".join(g.r.sample(NOUN_LIST, 2)).replace(" ", "-")
    return f"https://{host}/{path}" + g.ch(["", ".php", "/", ".pdf"])


NEWSPAPER_NAMES = [
    "Trouw",
    "NRC Handelsblad",
    "de Volkskrant",
    "Het Parool",
    "De Standaard",
    "De Morgen",
    "Algemeen Dagblad",
    "Het Financieele Dagblad",
]
SERIES = [
    "Reeks Onderwijs en Opvoeding",
    "Pedagogische reeks",
    "Praktijkreeks",
    "SWP-reeks",
    "Cahiers Jeugd",
    "Boom Basisboeken",
]
COUNTRIES = ["Nederland", "België", "UK", "USA"]


def render_other(gen: Gen) -> list[tuple[str, str]]:
    """Less regular forms: older Flemish order with the year at the end, capitalised
    surnames, Vancouver journal tails, newspapers, lectures, APA 7 theses, web pages with a
    site name, titles with '(PDF)' or a bracketed translation, series and countries."""
    g = gen
    people = [g.person() for _ in range(g.ch([1, 1, 2, 3]))]
    year = g.year()
    style = g.ch(
        [
            "flemish",
            "flemish",
            "vancouver",
            "newspaper",
            "lecture",
            "thesis7",
            "site",
            "site",
            "extra",
            "series",
            "inpress",
        ]
    )
    out: list[tuple[str, str]] = []
    if style == "flemish":
        names = g.fmt_people(people, g.ch(["nl", "flemish"]), g.ch(["spaced", "tight"]))
        if g.p(0.5):
            names = names.upper()
        out.append((names + ",", "author"))
        if g.p(0.5):
            out.append((g.title() + ",", "title"))
            out.append((g.ch(PLACES) + ",", "location"))
            out.append((g.ch(PUBLISHERS) + ",", "publisher"))
            out.append((year + g.ch([".", ","]), "date"))
            if g.p(0.5):
                out.append((f"{g.r.randint(80, 400)} p.", "note"))
        else:
            out.append(("'" + g.title() + "',", "title"))
            out.append(("in:", "container-title"))
            out.append((g.ch(JOURNALS) + ",", "container-title"))
            vol, iss = g.r.randint(1, 60), g.r.randint(1, 12)
            out.append(
                (
                    g.ch([f"jg. {vol}, nr. {iss},", f"{vol} ({year}) {iss},", f"{vol}, {iss},"]),
                    "volume",
                )
            )
            if "(" not in out[-1][0]:
                out.append((year + ",", "date"))
            a, b = g.pages()
            out.append((f"p. {a}-{b}.", "pages"))
    elif style == "vancouver":
        names = ", ".join(f"{p['family']} {''.join(p['initials'])}" for p in people)
        out.append((names + ".", "author"))
        out.append((g.title() + ".", "title"))
        out.append((g.ch(JOURNALS), "container-title"))
        out.append((year + ";", "date"))
        a, b = g.pages()
        out.append((f"{g.r.randint(1, 60)}({g.r.randint(1, 12)}):", "volume"))
        out.append((f"{a}-{b}.", "pages"))
    elif style == "newspaper":
        out.append((g.fmt_people(people[:1], "nl", "spaced"), "author"))
        out.append((g.date_piece(year, "full"), "date"))
        out.append((g.title() + ".", "title"))
        out.append((g.ch(NEWSPAPER_NAMES) + g.ch([".", ","]), "container-title"))
        if out[-1][0].endswith(","):
            out.append((f"p. {g.r.randint(1, 30)}.", "pages"))
    elif style == "lecture":
        out.append((g.fmt_people(people[:1], "nl", "spaced"), "author"))
        out.append((g.date_piece(year, "paren_dot"), "date"))
        out.append((g.title(), "title"))
        out.append(
            (g.ch(["(oratie).", "(Inaugurele rede).", "[Oratie].", "(afscheidsrede)."]), "genre")
        )
        out.append((g.ch(PLACES) + ":", "location"))
        out.append(
            (
                g.ch(
                    [
                        "Universiteit Utrecht.",
                        "Universiteit van Amsterdam.",
                        "Radboud Universiteit.",
                        "Hogeschool Utrecht.",
                    ]
                ),
                "publisher",
            )
        )
    elif style == "thesis7":
        out.append((g.fmt_people(people[:1], "nl", "spaced"), "author"))
        out.append((g.date_piece(year, "paren_dot"), "date"))
        out.append((g.title(), "title"))
        uni = g.ch(
            [
                "Universiteit Leiden",
                "Universiteit Utrecht",
                "KU Leuven",
                "Rijksuniversiteit Groningen",
                "Open Universiteit",
            ]
        )
        out.append(
            (f"[{g.ch(['Proefschrift', 'Masterscriptie', 'Doctoral dissertation'])},", "genre")
        )
        out.append((uni + "].", "publisher"))
        if g.p(0.5):
            out.append(
                (
                    g.ch(["Scholarly Publications.", "Utrecht University Repository.", "Lirias."]),
                    "note",
                )
            )
    elif style == "site":
        if g.p(0.5):
            out.append((g.ch(ORGS) + ".", "author"))
        else:
            out.append((g.fmt_people(people[:2], "nl", "spaced"), "author"))
        out.append(
            (
                g.ch(
                    [
                        "(z.d.).",
                        "(n.d.).",
                        g.date_piece(year, "full"),
                        g.date_piece(year, "paren_dot"),
                    ]
                ),
                "date",
            )
        )
        out.append((g.title() + ".", "title"))
        out.append(
            (
                g.ch(
                    [
                        "Wij-leren.nl.",
                        "Kennisnet.",
                        "Leraar24.",
                        "Klasse.",
                        "Nederlands Jeugdinstituut.",
                        "Onderwijskennis.nl.",
                    ]
                ),
                "container-title",
            )
        )
        if g.p(0.5):
            out.append(("Geraadpleegd op", "accessed"))
            out.append(
                (f"{g.r.randint(1, 28)} {g.ch(MONTHS_NL)} {g.r.randint(2010, 2025)},", "accessed")
            )
            out.append(("van", "accessed"))
        out.append((_url(g), "url"))
    elif style == "extra":
        out.append((g.fmt_people(people, "nl", "tight"), "author"))
        out.append((g.date_piece(year, "paren_dot"), "date"))
        out.append((g.title(), "title"))
        out.append(
            (
                g.ch(["(PDF).", "[PDF].", "[Handleiding].", "(Werkdocument).", "[Brochure]."]),
                "genre",
            )
        )
        out.append((g.ch(PLACES) + g.ch([", " + g.ch(COUNTRIES) + ":", ":"]), "location"))
        out.append((g.ch(PUBLISHERS) + ".", "publisher"))
    elif style == "series":
        out.append((g.fmt_people(people, "nl", "spaced"), "author"))
        out.append((g.date_piece(year, "paren_dot"), "date"))
        out.append((g.title() + ".", "title"))
        out.append((f"({g.ch(SERIES)}, nr. {g.r.randint(1, 40)}).", "collection-title"))
        out.append((g.ch(PLACES) + ":", "location"))
        out.append((g.ch(PUBLISHERS) + ".", "publisher"))
    else:  # in press
        out.append((g.fmt_people(people, "nl", "spaced"), "author"))
        out.append((g.ch(["(in druk).", "(in press).", "(ter perse)."]), "date"))
        out.append((g.title() + ".", "title"))
        out.append((g.ch(JOURNALS) + ".", "container-title"))
    return out


def generate(n: int, seed: int = 7) -> list[tuple[list[str], list[str]]]:
    from ..tokens import tokenize

    gen = Gen(seed)
    out = []
    for _ in range(n):
        tokens, labels = [], []
        pieces = render_other(gen) if gen.p(0.3) else render(gen)
        for text, label in pieces:
            for tok in tokenize(text):
                tokens.append(tok)
                labels.append(label)
        out.append((tokens, labels))
    return out


def generate_strings(n: int, seed: int = 7) -> list[str]:
    gen = Gen(seed)
    return [
        " ".join(t for t, _ in (render_other(gen) if gen.p(0.3) else render(gen))) for _ in range(n)
    ]
