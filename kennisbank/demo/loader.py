"""Loads the original demo content in `demo/content/` into the site: themes and topics, authors,
and articles written in Markdown with YAML front matter.

Idempotent: everything is looked up by slug first, and what exists is left as it is, so a second
run changes nothing (and never overwrites an editor's changes to demo pages)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from django.db import transaction
from wagtail.models import Site

from kennisbank.articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleReference,
)
from kennisbank.core.markdown_body import markdown_to_body
from kennisbank.core.models import SiteSettings
from kennisbank.home.models import HomePage
from kennisbank.literature.services import reference_for_text
from kennisbank.people.models import Author
from kennisbank.taxonomy.models import PageTopic, Sector, ThemePage, TopicPage

from .related_content import load_related_content

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def add(self, created: bool, label: str) -> None:
        (self.created if created else self.unchanged).append(label)


class DemoContentError(ValueError):
    pass


def read_front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise DemoContentError(f"{path.name}: no YAML front matter")
    try:
        _, front, body = text.split("---\n", 2)
    except ValueError as error:
        raise DemoContentError(f"{path.name}: front matter is not closed with ---") from error
    meta = yaml.safe_load(front) or {}
    if not isinstance(meta, dict):
        raise DemoContentError(f"{path.name}: front matter is not a mapping")
    return meta, body


@transaction.atomic
def load_demo(content_dir: Path = CONTENT_DIR) -> LoadReport:
    report = LoadReport()
    home = HomePage.objects.first()
    if home is None:
        raise DemoContentError("No home page: run the migrations first.")
    _point_site_at_demo_server(report)
    _mark_home_as_demo(home, report)
    _load_site_settings(report)
    topics = _load_taxonomy(home, content_dir / "taxonomy.yaml", report)
    authors = _load_authors(content_dir / "authors.yaml", report)
    index = _ensure_article_index(home, report)
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for path in sorted((content_dir / "articles").glob("*.md")):
        _load_article(path, index, topics, authors, sectors, report)
    # Research questions, providers, offerings and promotions (kennisbank.demo.related_content).
    load_related_content(home, content_dir, topics, report, _publish)
    return report


def _publish(page) -> None:
    page.save_revision().publish()


DEMO_NOTICE = (
    "Dit is een demonstratiesite: de auteurs en hun artikelen zijn verzonnen, "
    "de literatuur waarnaar ze verwijzen bestaat echt."
)


def _point_site_at_demo_server(report: LoadReport) -> None:
    """Full URLs (citations, JSON-LD, the API) name the site's host: on a fresh install that is
    Wagtail's placeholder localhost:80, so the demo points it at the demo server's address
    (settings.WAGTAILADMIN_BASE_URL, from KENNISBANK_BASE_URL)."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    updated = Site.objects.filter(is_default_site=True, hostname="localhost", port=80).update(
        hostname=address.hostname or "localhost", port=port
    )
    report.add(bool(updated), "site address")


def _mark_home_as_demo(home: HomePage, report: LoadReport) -> None:
    if DEMO_NOTICE in home.intro:
        report.add(False, "demo notice")
        return
    home.intro = f"{home.intro} {DEMO_NOTICE}".strip()
    _publish(home)
    report.add(True, "demo notice")


def _load_site_settings(report: LoadReport) -> None:
    site_settings = SiteSettings.load()
    if site_settings.linkedin_url:
        report.add(False, "site settings")
        return
    site_settings.contact_email = "redactie@example.org"
    site_settings.linkedin_url = "https://www.linkedin.com/company/kennisbank-demo"
    site_settings.x_url = "https://x.com/kennisbankdemo"
    site_settings.facebook_url = "https://www.facebook.com/kennisbankdemo"
    site_settings.save()
    report.add(True, "site settings")


def _load_taxonomy(home: HomePage, path: Path, report: LoadReport) -> dict[str, TopicPage]:
    topics_by_name: dict[str, TopicPage] = {}
    for theme_data in yaml.safe_load(path.read_text(encoding="utf-8")):
        theme = ThemePage.objects.child_of(home).filter(slug=theme_data["slug"]).first()
        created = theme is None
        if created:
            theme = ThemePage(
                title=theme_data["theme"], slug=theme_data["slug"], intro=theme_data["intro"]
            )
            home.add_child(instance=theme)
            _publish(theme)
        report.add(created, f"theme {theme.title}")
        for topic_data in theme_data["topics"]:
            topic = TopicPage.objects.child_of(theme).filter(slug=topic_data["slug"]).first()
            created = topic is None
            if created:
                topic = TopicPage(title=topic_data["name"], slug=topic_data["slug"])
                theme.add_child(instance=topic)
                _publish(topic)
            report.add(created, f"topic {topic.title}")
            topics_by_name[topic_data["name"]] = topic
    return topics_by_name


def _load_authors(path: Path, report: LoadReport) -> dict[str, Author]:
    authors = {}
    for data in yaml.safe_load(path.read_text(encoding="utf-8")):
        author = Author.objects.filter(slug=data["slug"]).first()
        created = author is None
        if created:
            author = Author(
                slug=data["slug"],
                given_name=data["given_name"],
                initials=data["initials"],
                particle=data.get("particle") or "",
                family_name=data["family_name"],
                bio_line=data["bio_line"],
                organisation=data.get("organisation", ""),
                bio=f"<p>{data.get('bio', '')}</p>",
                website=data.get("website", ""),
            )
            author.save()
            author.save_revision().publish()
        report.add(created, f"author {author.full_name}")
        authors[data["slug"]] = author
    return authors


def _ensure_article_index(home: HomePage, report: LoadReport) -> ArticleIndexPage:
    index = ArticleIndexPage.objects.child_of(home).first()
    created = index is None
    if created:
        index = ArticleIndexPage(
            title="Artikelen",
            slug="artikel",
            intro="Artikelen van deskundigen over leren, ontwikkeling en begeleiding.",
        )
        home.add_child(instance=index)
        _publish(index)
    report.add(created, "article index")
    return index


def _load_article(path, index, topics, authors, sectors, report: LoadReport) -> None:
    meta, body = read_front_matter(path)
    slug = meta["slug"]
    if ArticlePage.objects.filter(slug=slug).exists():
        report.add(False, f"article {slug}")
        return
    missing_topics = [name for name in meta["topics"] if name not in topics]
    missing_authors = [slug for slug in meta["authors"] if slug not in authors]
    if missing_topics or missing_authors:
        raise DemoContentError(
            f"{path.name}: unknown topics {missing_topics} or authors {missing_authors}"
        )
    article = ArticlePage(
        title=meta["title"],
        short_title=meta["short_title"],
        slug=slug,
        lead=meta["lead"],
        published_date=_date(meta["published"]),
        updated_date=_date(meta.get("updated")),
        body=markdown_to_body(body),
    )
    article.article_authors = [ArticleAuthor(author=authors[slug]) for slug in meta["authors"]]
    article.page_topics = [PageTopic(topic=topics[name]) for name in meta["topics"]]
    # Literature strings become shared Reference records (raw text kept, converted fields
    # filled where the simple conversion can; unsure ones are flagged for review).
    references = list(
        {ref.pk: ref for ref, _ in map(reference_for_text, meta["literature"])}.values()
    )
    article.literature_links = [ArticleReference(reference=ref) for ref in references]
    article.sectors = [sectors[code] for code in meta.get("sectors", []) if code in sectors]
    index.add_child(instance=article)
    _publish(article)
    report.add(True, f"article {slug}")


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))
