import factory

from kennisbank.newsletter.models import Edition, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"lezer{n}@example.org")
    status = Subscriber.Status.ACTIVE
    consent_source = "test"

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.all_themes = False
            self.save(update_fields=["all_themes"])
            self.themes.set(extracted)


class EditionFactory(factory.django.DjangoModelFactory):
    subject = factory.Sequence(lambda n: f"Nieuwsbrief {n}")
    intro = "Welkom bij deze editie."
    mode = Edition.Mode.AUTOMATIC

    class Meta:
        model = Edition
