import datetime

import factory
from django.utils import timezone

from kennisbank.promotions.models import Promotion


class PromotionFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Promotie {n}")
    text = "Een korte wervende tekst."
    target_url = "https://adverteerder.example.org/actie"
    label = "advertentie"
    advertiser = "Uitgeverij Voorbeeld"
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    class Meta:
        model = Promotion
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()
