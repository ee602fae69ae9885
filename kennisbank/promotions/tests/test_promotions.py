import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from kennisbank.promotions.models import Promotion, PromotionDailyCount

from .factories import PromotionFactory

pytestmark = pytest.mark.django_db


def today_counts(promotion) -> tuple[int, int]:
    row = PromotionDailyCount.objects.filter(promotion=promotion, date=timezone.localdate()).first()
    return (row.impressions, row.clicks) if row else (0, 0)


def test_click_redirects_to_the_target_and_counts_without_a_cookie(client):
    promotion = PromotionFactory(target_url="https://uitgeverij.example.org/boek")
    response = client.get(reverse("promotions:click", args=[promotion.pk]))
    assert response.status_code == 302
    assert response["Location"] == "https://uitgeverij.example.org/boek"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    client.get(reverse("promotions:click", args=[promotion.pk]))
    assert today_counts(promotion) == (0, 2)


def test_impression_pixel_counts_every_view_and_is_never_cached(client):
    promotion = PromotionFactory()
    for _ in range(3):
        response = client.get(reverse("promotions:impression", args=[promotion.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/gif"
        assert "max-age=0" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert not response.cookies
    assert today_counts(promotion) == (3, 0)


def test_counts_store_nothing_about_the_reader():
    fields = {field.name for field in PromotionDailyCount._meta.get_fields()}
    assert fields == {"id", "promotion", "date", "impressions", "clicks"}


def test_expired_or_future_promotions_are_not_counted_but_links_still_work(client):
    ended = PromotionFactory(
        starts_at=timezone.now() - datetime.timedelta(days=10),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    future = PromotionFactory(starts_at=timezone.now() + datetime.timedelta(days=1))
    for promotion in (ended, future):
        assert client.get(reverse("promotions:click", args=[promotion.pk])).status_code == 302
        client.get(reverse("promotions:impression", args=[promotion.pk]))
        assert today_counts(promotion) == (0, 0)
    assert client.get(reverse("promotions:click", args=[999999])).status_code == 404


def test_active_queryset_follows_start_end_and_enabled():
    now = timezone.now()
    live = PromotionFactory()
    PromotionFactory(enabled=False)
    PromotionFactory(starts_at=now + datetime.timedelta(hours=1))
    PromotionFactory(starts_at=now - datetime.timedelta(days=3), ends_at=now)
    assert list(Promotion.objects.active(now)) == [live]


def test_image_needs_alternative_text_and_end_must_follow_start():
    image = Image.objects.create(title="Banner", file=get_test_image_file())
    promotion = PromotionFactory.build(image=image, image_alt="")
    with pytest.raises(ValidationError) as error:
        promotion.full_clean()
    assert "image_alt" in error.value.error_dict
    promotion = PromotionFactory.build(
        starts_at=timezone.now(), ends_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        promotion.full_clean()
    assert "ends_at" in error.value.error_dict


def test_promotion_card_shows_image_with_alt_label_and_counter(client):
    from kennisbank.articles.tests.factories import ArticlePageFactory
    from kennisbank.taxonomy.tests.factories import TopicPageFactory

    topic = TopicPageFactory()
    article = ArticlePageFactory(topics=[topic])
    image = Image.objects.create(title="Banner", file=get_test_image_file())
    promotion = PromotionFactory(
        title="Nieuw handboek",
        label="uitgelicht",
        image=image,
        image_alt="Omslag van het handboek",
        topics=[topic],
    )
    html = client.get(article.url).content.decode()
    card = html.split('card--promotion">')[1].split("</article>")[0]
    assert "Uitgelicht" in card
    assert 'alt="Omslag van het handboek"' in card
    assert reverse("promotions:click", args=[promotion.pk]) in card
    assert reverse("promotions:impression", args=[promotion.pk]) in card
    assert 'rel="sponsored noopener"' in card


def test_admin_screens_for_promotions_providers_and_related_tabs_render(client):
    from django.contrib.auth import get_user_model

    from kennisbank.offerings.tests.factories import OfferingPageFactory, offering_index
    from kennisbank.questions.tests.factories import question_index

    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    promotion = PromotionFactory()
    PromotionFactory.create_batch(2)
    offering = OfferingPageFactory()
    urls = [
        "/admin/snippets/promotions/promotion/",
        "/admin/snippets/promotions/promotion/add/",
        f"/admin/snippets/promotions/promotion/edit/{promotion.pk}/",
        "/admin/snippets/offerings/provider/",
        "/admin/snippets/offerings/provider/add/",
        f"/admin/pages/add/offerings/offeringpage/{offering_index().pk}/",
        f"/admin/pages/add/questions/researchquestionpage/{question_index().pk}/",
        f"/admin/pages/{offering.pk}/edit/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(f"/admin/pages/{offering.pk}/edit/").content.decode()
    assert "related_pins" in html and "related_exclusions" in html


def test_editor_creates_a_promotion_in_the_admin(client):
    from django.contrib.auth import get_user_model
    from wagtail.test.utils.form_data import nested_form_data

    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    data = nested_form_data(
        {
            "title": "Nieuw boek",
            "text": "Over lezen.",
            "target_url": "https://uitgeverij.example.org/boek",
            "label": "advertentie",
            "advertiser": "Uitgeverij",
            "image": "",
            "image_alt": "",
            "starts_at": "2026-01-01 00:00",
            "ends_at": "2025-12-01 00:00",  # before the start: refused
            "enabled": "on",
            "topics": [],
        }
    )
    response = client.post("/admin/snippets/promotions/promotion/add/", data)
    assert response.status_code == 200
    assert not Promotion.objects.filter(title="Nieuw boek").exists()
    data["ends_at"] = "2026-02-01 00:00"
    response = client.post("/admin/snippets/promotions/promotion/add/", data)
    assert response.status_code == 302
    ends = timezone.localtime(Promotion.objects.get(title="Nieuw boek").ends_at)
    assert (ends.month, ends.day) == (2, 1)
