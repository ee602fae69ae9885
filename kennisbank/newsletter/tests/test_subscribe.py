import pytest
from django.core import mail
from django.test import Client

from kennisbank.newsletter.models import Subscriber
from kennisbank.taxonomy.tests.factories import ThemePageFactory, sector

from .conftest import links, path_of, text_part
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.NEWSLETTER_MIN_FILL_SECONDS = 0


@pytest.fixture
def themes(home):
    return [ThemePageFactory(title="Gedrag"), ThemePageFactory(title="Taal")]


def form_data(client, email, themes, **extra):
    """What a person sends after loading /nieuwsbrief/ (with its signed start time)."""
    form = client.get("/nieuwsbrief/").context["form"]
    data = {
        "email": email,
        "themes": [t.pk for t in themes],
        "sector": "",
        "website": "",
        "started": form.initial["started"],
    }
    data.update(extra)
    return data


def subscribe(client, run_on_commit, email, themes, **extra):
    data = form_data(client, email, themes, **extra)
    return run_on_commit(client.post, "/nieuwsbrief/", data)


def test_every_page_has_a_footer_form_without_a_csrf_token(client, themes):
    response = client.get("/")
    html = response.content.decode()
    assert 'action="/nieuwsbrief/aanmelden/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "public" in response["Cache-Control"]


def test_footer_form_opens_the_full_form_without_csrf_and_uncached(themes):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/nieuwsbrief/aanmelden/", {"email": "iemand@example.org"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="iemand@example.org"' in html
    assert "csrfmiddlewaretoken" in html
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert not Subscriber.objects.exists()  # the footer step changes nothing


def test_subscribe_page_is_never_cached_and_checks_csrf(themes):
    client = Client(enforce_csrf_checks=True)
    response = client.get("/nieuwsbrief/")
    assert "max-age=0" in response["Cache-Control"]
    data = {"email": "a@example.org", "themes": [themes[0].pk]}
    assert client.post("/nieuwsbrief/", data).status_code == 403


def test_double_opt_in_over_smtp(client, smtp, run_on_commit, themes):
    response = subscribe(
        client, run_on_commit, "Lezer@Example.org", [themes[0]], sector=sector("vo").pk
    )
    assert response.status_code == 302
    assert response["Location"] == "/nieuwsbrief/controleer-uw-mail/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lezer@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert not subscriber.all_themes
    assert list(subscriber.themes.all()) == [themes[0]]
    assert subscriber.sector.code == "vo"
    assert subscriber.consent_at is None

    [message] = smtp.handler.to("lezer@example.org")
    assert "Bevestig" in message["Subject"]
    assert message.get_body(preferencelist=("html",)) is not None
    [confirm_link] = links(message, "/bevestigen/")

    page = client.get(confirm_link)  # opening the link confirms nothing yet
    assert page.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    confirmed = client.post(confirm_link)
    assert confirmed.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.consent_at is not None
    assert "/nieuwsbrief/" in subscriber.consent_source
    # Confirmation lands on the preferences page, which works.
    assert client.get(confirmed["Location"]).status_code == 200
    assert len(smtp.handler.messages) == 1  # nothing else went to the address


def test_all_themes_checked_means_all_themes_also_later(client, smtp, run_on_commit, themes):
    subscribe(client, run_on_commit, "alles@example.org", themes)
    subscriber = Subscriber.objects.get()
    assert subscriber.all_themes
    assert subscriber.theme_ids() is None


def test_the_same_answer_for_new_pending_and_subscribed(client, smtp, run_on_commit, themes):
    active = SubscriberFactory(email="actief@example.org", themes=[themes[1]])
    SubscriberFactory(email="wacht@example.org", status=Subscriber.Status.PENDING)
    answers = []
    for address in ["nieuw@example.org", "wacht@example.org", "actief@example.org"]:
        response = subscribe(client, run_on_commit, address, [themes[0]])
        answers.append((response.status_code, response["Location"]))
    assert len(set(answers)) == 1
    # The subscribed address is told so, with its own link; its choices are left alone.
    [note] = smtp.handler.to("actief@example.org")
    assert "/nieuwsbrief/voorkeuren/" in text_part(note)
    assert "/bevestigen/" not in text_part(note)
    assert active.theme_ids() == {themes[1].pk}
    assert len(smtp.handler.to("wacht@example.org")) == 1
    assert len(smtp.handler.to("nieuw@example.org")) == 1


def test_honeypot_gets_the_neutral_answer_and_nothing_happens(client, smtp, run_on_commit, themes):
    response = subscribe(client, run_on_commit, "bot@example.org", themes, website="http://spam")
    assert response["Location"] == "/nieuwsbrief/controleer-uw-mail/"
    assert not Subscriber.objects.exists()
    assert smtp.handler.messages == []


def test_too_fast_or_forged_start_time_asks_again(client, settings, run_on_commit, themes):
    settings.NEWSLETTER_MIN_FILL_SECONDS = 60
    response = subscribe(client, run_on_commit, "snel@example.org", themes)
    assert response.status_code == 400
    assert "opnieuw" in response.content.decode()
    settings.NEWSLETTER_MIN_FILL_SECONDS = 0
    response = subscribe(client, run_on_commit, "snel@example.org", themes, started="vals")
    assert response.status_code == 400
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_ip(client, settings, run_on_commit, themes):
    settings.NEWSLETTER_RATE_PER_IP = 2
    codes = [
        subscribe(client, run_on_commit, f"ip{n}@example.org", themes).status_code for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Subscriber.objects.count() == 2


def test_rate_limit_per_address_sends_no_more_mail(client, settings, run_on_commit, themes):
    settings.NEWSLETTER_RATE_PER_ADDRESS = 2
    answers = {
        subscribe(client, run_on_commit, "veel@example.org", themes)["Location"] for _ in range(4)
    }
    assert answers == {"/nieuwsbrief/controleer-uw-mail/"}
    assert len(mail.outbox) == 2


def test_bad_input_is_refused_and_nothing_stored(client, run_on_commit, themes):
    response = subscribe(client, run_on_commit, "geen-adres", themes)
    assert response.status_code == 400
    assert "e-mailadres" in response.content.decode().lower()
    response = subscribe(client, run_on_commit, "a@example.org", [])
    assert response.status_code == 400
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_expired_and_tampered_confirmation_links_fail(client, settings, run_on_commit, themes):
    subscribe(client, run_on_commit, "laat@example.org", themes)
    [confirm_link] = [
        line.strip() for line in mail.outbox[0].body.splitlines() if "/bevestigen/" in line
    ]
    path = path_of(confirm_link)
    assert client.get(path[:-3] + "xx/").status_code == 404
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    assert client.post(path).status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_preferences_change_themes_and_sector(client, themes):
    from kennisbank.newsletter.mail import manage_url

    subscriber = SubscriberFactory()
    path = path_of(manage_url(subscriber))
    page = client.get(path)
    assert page.status_code == 200
    response = client.post(path, {"themes": [themes[1].pk], "sector": sector("po").pk})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.theme_ids() == {themes[1].pk}
    assert subscriber.sector.code == "po"
    assert client.post(path, {"themes": []}).status_code == 400


def test_unsubscribe_by_link_and_one_click(themes):
    from kennisbank.newsletter.mail import unsubscribe_url

    client = Client(enforce_csrf_checks=True)
    first, second = SubscriberFactory(), SubscriberFactory()
    path = path_of(unsubscribe_url(first))
    page = client.get(path)
    assert page.status_code == 200
    assert Subscriber.objects.get(pk=first.pk).status == Subscriber.Status.ACTIVE
    assert client.post(path).status_code == 200
    assert Subscriber.objects.get(pk=first.pk).status == Subscriber.Status.UNSUBSCRIBED
    # RFC 8058: a mail program POSTs this body, without cookies or a CSRF token.
    one_click = path_of(unsubscribe_url(second))
    response = client.post(
        one_click,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get(pk=second.pk).status == Subscriber.Status.UNSUBSCRIBED


def test_links_of_pending_or_erased_subscribers_do_not_work(client):
    from kennisbank.newsletter.mail import manage_url

    pending = SubscriberFactory(status=Subscriber.Status.PENDING)
    assert client.get(path_of(manage_url(pending))).status_code == 404
    gone = SubscriberFactory()
    path = path_of(manage_url(gone))
    gone.delete()
    assert client.get(path).status_code == 404


def test_privacy_notice(client):
    html = client.get("/nieuwsbrief/privacy/").content.decode()
    assert "IP-adres" in html or "IP address" in html
