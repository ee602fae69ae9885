import factory
from django.utils.text import slugify

from kennisbank.people.models import Author


class AuthorFactory(factory.django.DjangoModelFactory):
    given_name = factory.Sequence(lambda n: f"Voornaam{n}")
    initials = "V."
    particle = ""
    family_name = factory.Sequence(lambda n: f"Achternaam{n}")
    slug = factory.LazyAttribute(lambda obj: slugify(f"{obj.given_name} {obj.family_name}"))
    bio_line = "Orthopedagoog"
    organisation = "Testinstituut"
    live = True

    class Meta:
        model = Author
