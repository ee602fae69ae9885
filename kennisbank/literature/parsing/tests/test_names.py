import pytest

from kennisbank.literature.parsing.names import split_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "IJzendoorn, M.H. van",
            [{"family": "IJzendoorn", "given": "M. H.", "non-dropping-particle": "van"}],
        ),
        (
            "Jong, W. de & Jong, A. de",
            [
                {"family": "Jong", "given": "W.", "non-dropping-particle": "de"},
                {"family": "Jong", "given": "A.", "non-dropping-particle": "de"},
            ],
        ),
        (
            "Van IJzendoorn, M. H.",
            [{"family": "IJzendoorn", "given": "M. H.", "non-dropping-particle": "van"}],
        ),
        (
            "M.H. van IJzendoorn",
            [{"family": "IJzendoorn", "given": "M. H.", "non-dropping-particle": "van"}],
        ),
        (
            "Marinus van IJzendoorn",
            [{"family": "IJzendoorn", "given": "Marinus", "non-dropping-particle": "van"}],
        ),
        (
            "Ploeg, J.D. van der",
            [{"family": "Ploeg", "given": "J. D.", "non-dropping-particle": "van der"}],
        ),
        ("Veld, T. in 't", [{"family": "Veld", "given": "T.", "non-dropping-particle": "in 't"}]),
        ("Dam, G. ten", [{"family": "Dam", "given": "G.", "non-dropping-particle": "ten"}]),
        ("Gelder, van, M.", [{"family": "Gelder", "given": "M.", "non-dropping-particle": "van"}]),
        ("Inspectie van het Onderwijs", [{"literal": "Inspectie van het Onderwijs"}]),
        ("Onderwijsraad", [{"literal": "Onderwijsraad"}]),
        (
            "Ministerie van Onderwijs, Cultuur en Wetenschap",
            [{"literal": "Ministerie van Onderwijs, Cultuur en Wetenschap"}],
        ),
    ],
)
def test_dutch_names(text, expected):
    assert split_names(text) == expected


def test_author_list_with_ampersand_and_surnames_that_are_first_names():
    # "Ryan" and "Thijs" are also given names: they must still pair with their initials.
    assert split_names("Ryan, R. M., & Deci, E. L.") == [
        {"family": "Ryan", "given": "R. M."},
        {"family": "Deci", "given": "E. L."},
    ]
    assert split_names("Thijs, J., & Verkuyten, M.") == [
        {"family": "Thijs", "given": "J."},
        {"family": "Verkuyten", "given": "M."},
    ]


def test_dutch_en_separator_and_semicolons():
    names = split_names("Bakker, A.; Visser, B. en Smit, C.")
    assert [n["family"] for n in names] == ["Bakker", "Visser", "Smit"]


def test_initials_are_normalised():
    assert split_names("Koomen, H.M.Y.")[0]["given"] == "H. M. Y."
    assert split_names("Smith JA")[0] == {"family": "Smith", "given": "J. A."}
    assert split_names("Sartre, J.-P.")[0]["given"] == "J.-P."


def test_editor_markers_titles_and_et_al_are_dropped():
    assert split_names("In A. Jansen & B. de Vries (Red.),") == [
        {"family": "Jansen", "given": "A."},
        {"family": "Vries", "given": "B.", "non-dropping-particle": "de"},
    ]
    assert split_names("Prof. dr. Luc Stevens (red.)") == [{"family": "Stevens", "given": "Luc"}]
    assert len(split_names("Kalff, A. C., Kroes, M., et al.")) == 2


def test_capitalised_flemish_surnames():
    names = split_names("DE BRUYCKERE, P. en KIRSCHNER, P.A.")
    assert names[0] == {"family": "Bruyckere", "given": "P.", "non-dropping-particle": "de"}
    assert names[1] == {"family": "Kirschner", "given": "P. A."}


def test_given_names_first_without_comma_is_a_person_not_an_organisation():
    assert split_names("Kees Boeke en Betty Cadbury") == [
        {"family": "Boeke", "given": "Kees"},
        {"family": "Cadbury", "given": "Betty"},
    ]


@pytest.mark.parametrize(
    "org",
    [
        "Sociaal Cultureel Planbureau",
        "Gemeente Amsterdam",
        "Vrije Schoolvereniging",
        "Ouders & Onderwijs",
    ],
)
def test_organisations_without_a_known_word_are_literal(org):
    assert split_names(org) == [{"literal": org}]


def test_surname_alone_keeps_its_particle():
    assert split_names("Van der Ploeg") == [{"family": "Ploeg", "non-dropping-particle": "van der"}]
