"""Demo research questions, providers, offerings and promotions (see demo/content/questions/,
providers.yaml, offerings.yaml and promotions.yaml). Same rules as loader.py: looked up by slug
(promotions by title) first, existing objects left alone, so a second run changes nothing.

Offering and promotion dates are given in days relative to the day of loading, so a fresh demo
always has past and upcoming offerings."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from django.utils import timezone

from kennisbank.core.markdown_body import markdown_to_body
from kennisbank.home.models import HomePage
from kennisbank.offerings.models import (
    OfferingIndexPage,
    OfferingPage,
    OfferingProvider,
    OfferingSession,
    Provider,
)
from kennisbank.people.models import Author
from kennisbank.promotions.models import Promotion
from kennisbank.questions.models import (
    QuestionAnswerer,
    QuestionSource,
    ResearchQuestionIndexPage,
    ResearchQuestionPage,
)
from kennisbank.taxonomy.models import PageTopic, Sector, TopicPage


def load_related_content(home: HomePage, content_dir: Path, topics, report, publish) -> None:
    from .loader import DemoContentError, read_front_matter

    sectors = {sector.code: sector for sector in Sector.objects.all()}
    authors = {author.slug: author for author in Author.objects.all()}

    index = _ensure_index(
        home,
        ResearchQuestionIndexPage,
        "Kennisvragen",
        "kennisvragen",
        "Vragen uit de praktijk, kort beantwoord met wat onderzoek erover zegt.",
        report,
        publish,
    )
    for path in sorted((content_dir / "questions").glob("*.md")):
        meta, body = read_front_matter(path)
        if ResearchQuestionPage.objects.filter(slug=meta["slug"]).exists():
            report.add(False, f"question {meta['slug']}")
            continue
        _check_names(path, meta["topics"], topics, meta["answered_by"], authors, DemoContentError)
        page = ResearchQuestionPage(
            title=meta["title"],
            short_title=meta["short_title"],
            slug=meta["slug"],
            question=meta["question"],
            lead=meta["lead"],
            short_answer=meta["short_answer"],
            evidence_strength=meta["evidence"],
            evidence_note=meta.get("evidence_note", ""),
            evidence_summary=markdown_to_body(body),
            answered_date=_date(meta.get("answered")),
            published_date=_date(meta.get("published")),
        )
        page.page_topics = [PageTopic(topic=topics[name]) for name in meta["topics"]]
        page.sources = [QuestionSource(text=text) for text in meta.get("sources", [])]
        page.answerers = [QuestionAnswerer(author=authors[s]) for s in meta["answered_by"]]
        page.sectors = [sectors[code] for code in meta.get("sectors", []) if code in sectors]
        index.add_child(instance=page)
        publish(page)
        report.add(True, f"question {meta['slug']}")

    providers = _load_providers(content_dir / "providers.yaml", report)
    offering_index = _ensure_index(
        home,
        OfferingIndexPage,
        "Aanbod",
        "aanbod",
        "Cursussen, trainingen en evenementen van aanbieders voor mensen in het onderwijs.",
        report,
        publish,
    )
    today = timezone.localdate()
    for data in yaml.safe_load((content_dir / "offerings.yaml").read_text(encoding="utf-8")):
        if OfferingPage.objects.filter(slug=data["slug"]).exists():
            report.add(False, f"offering {data['slug']}")
            continue
        unknown = [slug for slug in data["providers"] if slug not in providers]
        _check_names(data["slug"], data["topics"], topics, [], {}, DemoContentError)
        if unknown:
            raise DemoContentError(f"{data['slug']}: unknown providers {unknown}")
        page = OfferingPage(
            title=data["title"],
            short_title=data["short_title"],
            slug=data["slug"],
            lead=data["lead"],
            kind=data["kind"],
            attendance_mode=data["mode"],
            status=data.get("status", "open"),
            city=data.get("city", ""),
            venue=data.get("venue", ""),
            street_address=data.get("address", ""),
            price=Decimal(str(data["price"])) if data.get("price") is not None else None,
            price_note=data.get("price_note", ""),
            target_group=data.get("target_group", ""),
            accreditation=data.get("accreditation", ""),
            registration_url=f"https://example.org/aanmelden/{data['slug']}",
            description=markdown_to_body(data.get("description", "")),
            published_date=today - datetime.timedelta(days=90),
        )
        page.offering_providers = [
            OfferingProvider(provider=providers[s]) for s in data["providers"]
        ]
        page.sessions = [
            OfferingSession(
                start=_moment(today, s["days"], s["start"]), end=_moment(today, s["days"], s["end"])
            )
            for s in data["sessions"]
        ]
        page.page_topics = [PageTopic(topic=topics[name]) for name in data["topics"]]
        page.sectors = [sectors[code] for code in data.get("sectors", []) if code in sectors]
        offering_index.add_child(instance=page)
        publish(page)
        report.add(True, f"offering {data['slug']}")

    _load_promotions(content_dir / "promotions.yaml", topics, today, report)


def _check_names(label, topic_names, topics, author_slugs, authors, error) -> None:
    missing_topics = [name for name in topic_names if name not in topics]
    missing_authors = [slug for slug in author_slugs if slug not in authors]
    if missing_topics or missing_authors:
        raise error(f"{label}: unknown topics {missing_topics} or authors {missing_authors}")


def _ensure_index(home, model, title, slug, intro, report, publish):
    index = model.objects.child_of(home).first()
    created = index is None
    if created:
        index = model(title=title, slug=slug, intro=intro)
        home.add_child(instance=index)
        publish(index)
    report.add(created, f"{model._meta.model_name}")
    return index


def _load_providers(path: Path, report) -> dict[str, Provider]:
    providers = {}
    for data in yaml.safe_load(path.read_text(encoding="utf-8")):
        provider, created = Provider.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data.get("description", ""),
                "website": data.get("website", ""),
                "contact_email": data.get("contact_email", ""),
                "contact_phone": data.get("contact_phone", ""),
            },
        )
        report.add(created, f"provider {provider.name}")
        providers[provider.slug] = provider
    return providers


def _load_promotions(path: Path, topics: dict[str, TopicPage], today, report) -> None:
    for data in yaml.safe_load(path.read_text(encoding="utf-8")):
        if Promotion.objects.filter(title=data["title"]).exists():
            report.add(False, f"promotion {data['title']}")
            continue
        promotion = Promotion(
            title=data["title"],
            text=data.get("text", ""),
            target_url=data["target_url"],
            label=data["label"],
            advertiser=data.get("advertiser", ""),
            starts_at=_moment(today, data["starts_days"], "00:00"),
            ends_at=_moment(today, data["ends_days"], "00:00"),
        )
        promotion.topics = [topics[name] for name in data.get("topics", [])]
        promotion.save()
        report.add(True, f"promotion {data['title']}")


def _moment(today: datetime.date, days: int, clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))
