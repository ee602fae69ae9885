from kennisbank.literature.models import Reference


def person(family, given, particle=""):
    name = {"family": family, "given": given}
    if particle:
        name["non-dropping-particle"] = particle
    return name


def book(id, authors, year, title, publisher="Uitgeverij", **extra) -> dict:
    item = {
        "id": id,
        "type": "book",
        "author": authors,
        "issued": {"date-parts": [[year]]},
        "title": title,
        "publisher": publisher,
    }
    item.update(extra)
    return item


def make_reference(item: dict, **kwargs) -> Reference:
    reference = Reference.from_csl({k: v for k, v in item.items() if k != "id"}, **kwargs)
    reference.save()
    return reference
