"""Running an import: every source is read, repaired, parsed and written in its own transaction,
so one bad file is reported with its reason while the rest goes on. Every run leaves a JSON
report (stored as an ImportRun, shown in the admin)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.models import Page

from kennisbank.articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage
from kennisbank.core.sqlite import fewer_checkpoints
from kennisbank.home.models import HomePage
from kennisbank.taxonomy.models import PageTopic

from . import statuses
from .creation import create_page
from .deferred import DeferredTasks, deferring
from .encoding import repair_text
from .formats.html import looks_like_html, parse_html
from .formats.markdown import looks_like_markdown, parse_markdown
from .formats.saved_text import parse_saved_text
from .images import add_images
from .known_rows import forget_rows, remembering_rows
from .literature import LiteratureWriter
from .lookups import RunLookups
from .matching import Resolver
from .models import ImportRecord, ImportRun
from .parallel import ParsedItem, parse_item, parsed_sources
from .parsed import ItemError, ParsedArticle
from .redirects import old_paths, point_old_urls
from .sources import SourceItem, decode, iter_sources

MAX_TITLE = 255
MAX_SHORT_TITLE = 80
MAX_LEAD = 600
# The follow-up tasks of imported pages are enqueued after this many items, and at the end.
FLUSH_EVERY = 100


@dataclass
class ItemResult:
    source: str
    status: str  # created, updated, unchanged, failed (dry run: "would create", …)
    reason: str = ""
    format: str = ""
    title: str = ""
    source_url: str = ""
    page_id: int | None = None
    page_url: str = ""
    authors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    literature: int = 0
    related: int = 0
    redirects: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def source_key(article: ParsedArticle) -> str:
    """Re-imports are keyed by the source URL (scheme and host lowercased, fragment dropped);
    a source without one is keyed by its slug."""
    if article.source_url:
        parts = urlsplit(article.source_url.strip())
        return urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
        )[:500]
    return f"slug:{article.slug or slugify(article.title)}"[:500]


def detect_and_parse(name: str, text: str) -> ParsedArticle:
    suffix = PurePosixPath(name.rsplit(":", 1)[-1]).suffix.lower()
    if suffix in (".md", ".markdown") or (
        suffix not in (".html", ".htm") and looks_like_markdown(text)
    ):
        return parse_markdown(text, name)
    if suffix in (".html", ".htm") or looks_like_html(text):
        return parse_html(text, name)
    return parse_saved_text(text, name)


def parse_source(item: SourceItem) -> tuple[ParsedArticle, list[str]]:
    if item.error:
        raise ItemError(item.error)
    text = decode(item.data or b"")
    repaired = repair_text(text)
    article = detect_and_parse(item.name, repaired.text)
    return article, [f"{damaged} → {fixed}" for damaged, fixed in repaired.repairs]


class Importer:
    def __init__(
        self,
        *,
        dry_run: bool = False,
        publish: bool = False,
        user=None,
        log=None,
        parse_workers: int = 0,
    ):
        """`parse_workers` > 0 parses the sources ahead in that many worker processes (see
        parallel.py); 0 parses each in turn, in this process."""
        self.dry_run, self.publish, self.user = dry_run, publish, user
        self.parse_workers = parse_workers
        self.log: Callable[[str], None] = log or (lambda line: None)
        self.resolver = Resolver(dry_run=dry_run, publish=publish, user=user)
        self.literature = LiteratureWriter()
        self.lookups = RunLookups()
        self.deferred = DeferredTasks()
        self._index: ArticleIndexPage | None = None

    def run(self, sources: Iterable[SourceItem], run: ImportRun | None = None) -> ImportRun:
        started = time.perf_counter()
        if run is None:
            run = ImportRun.objects.create(
                origin="cli", dry_run=self.dry_run, publish=self.publish, user=self.user
            )
        run.status = ImportRun.Status.RUNNING
        run.save(update_fields=["status"])
        results: list[ItemResult] = []
        try:
            with deferring(self.deferred), fewer_checkpoints(), remembering_rows():
                try:
                    self._import_all(sources, results)
                finally:
                    # The follow-up work of every item imported so far (indexes, related
                    # content, citations), also when the run stopped early.
                    self.deferred.flush()
        except BaseException as error:
            # Items already imported stay imported; the run says where it stopped.
            run.status = ImportRun.Status.FAILED
            run.finished_at = timezone.now()
            run.report = {
                "error": f"{error.__class__.__name__}: {error}",
                "items": [asdict(result) for result in results],
                "counts": dict(Counter(result.status for result in results)),
            }
            run.save()
            raise
        counts = Counter(result.status for result in results)
        run.report = {
            "dry_run": self.dry_run,
            "publish": self.publish,
            "started": run.started_at.isoformat(),
            "finished": timezone.now().isoformat(),
            "seconds": round(time.perf_counter() - started, 3),
            "counts": dict(sorted(counts.items())),
            "items": [asdict(result) for result in results],
        }
        run.status = ImportRun.Status.DONE
        run.finished_at = timezone.now()
        run.save()
        return run

    def _import_all(self, sources: Iterable[SourceItem], results: list[ItemResult]) -> None:
        """Import every source, appending its result as it is done (the caller reports what
        was done also when this stops early)."""
        known = self.lookups.known_fingerprints() if self.parse_workers else {}
        for item, parsed in parsed_sources(
            sources,
            workers=self.parse_workers,
            known_fingerprints=known,
            literature=not self.dry_run,
        ):
            result = self.import_item(item, parsed)
            results.append(result)
            self.log(_line(result))
            if len(results) % FLUSH_EVERY == 0:
                self.deferred.flush()
        if not self.dry_run and any(
            r.status in (statuses.CREATED, statuses.UPDATED) for r in results
        ):
            resolve_pending_related()

    def import_paths(self, paths: list[str], run: ImportRun | None = None) -> ImportRun:
        return self.run(iter_sources(paths), run)

    def import_item(self, item: SourceItem, parsed: ParsedItem | None = None) -> ItemResult:
        result = ItemResult(source=item.name, status="failed")
        if parsed is None:
            parsed = parse_item(item)
        if parsed.article is None:
            result.reason = parsed.reason
            return result
        article, repairs = parsed.article, parsed.repairs
        result.format, result.title = article.source_format, article.title
        result.source_url, result.repairs = article.source_url, repairs
        result.literature, result.related = len(article.literature), len(article.related)
        for attempt in (1, 2):
            result.notes = list(article.warnings)
            try:
                with self.deferred.item(), transaction.atomic():
                    self._write(article, item, result, parsed.literature)
                return result
            except Exception as error:
                self._forget_run_state()
                if attempt == 1 and isinstance(error, IntegrityError | ValidationError):
                    # Another import running at the same time may have written this source,
                    # its slug or its old URLs since this run loaded its lookups: once more,
                    # with lookups read afresh (a re-import then updates in place).
                    continue
                result.status = "failed"
                result.reason = (
                    str(error)
                    if isinstance(error, ItemError)
                    else gettext("could not be saved (%(error)s)")
                    % {"error": f"{error.__class__.__name__}: {error}"}
                )
                return result

    def _forget_run_state(self) -> None:
        """After a rolled-back item: the rollback may have taken objects the in-memory lookups
        still hold (a new author, topic or the article index)."""
        forget_rows()
        self._index = None
        self.resolver = Resolver(dry_run=self.dry_run, publish=self.publish, user=self.user)
        self.literature = LiteratureWriter()
        self.lookups = RunLookups()

    # Writing

    def _article_index(self) -> ArticleIndexPage | None:
        if self._index is None:
            self._index = ArticleIndexPage.objects.first()
            if self._index is None and not self.dry_run:
                home = HomePage.objects.first()
                if home is None:
                    raise ItemError(gettext("no home page: run the migrations first"))
                self._index = ArticleIndexPage(title="Artikelen", slug="artikel")
                home.add_child(instance=self._index)
                self._index.save_revision(user=self.user).publish(user=self.user)
        return self._index

    def _write(
        self,
        article: ParsedArticle,
        item: SourceItem,
        result: ItemResult,
        prepared_literature: dict,
    ) -> None:
        key = source_key(article)
        known = self.lookups.record(key)
        fingerprint = article.fingerprint()
        result.authors = [author.name for author in article.authors]
        if (
            known is not None
            and known.page_id is not None
            and known.fingerprint == fingerprint
            and (known.live or not self.publish)
        ):
            result.status, result.page_id = statuses.UNCHANGED, known.page_id
            result.page_url = known.url
            return
        page = (
            Page.objects.get(pk=known.page_id).specific
            if known is not None and known.page_id is not None
            else None
        )
        action = "updated" if page is not None else "created"
        notes = result.notes
        authors = [self.resolver.author(a, notes) for a in article.authors]
        topics = self.resolver.topics(article.themes, article.topics, notes)
        sectors = self.resolver.sectors(article.sectors, notes)
        result.topics = [topic.title for topic in topics]
        if not article.authors:
            notes.append(gettext("no author found"))
        if self.dry_run:
            result.status = "would update" if action == "updated" else "would create"
            result.redirects = old_paths(article.source_url)
            if page is not None:
                result.page_id = page.pk
            return
        index = self._article_index()
        if page is None:
            page = ArticlePage(slug=self._unique_slug(index, article))
            self.lookups.remember_slug(index, page.slug)
        page.title = article.title[:MAX_TITLE]
        page.short_title = article.short_title[:MAX_SHORT_TITLE]
        page.lead = article.lead[:MAX_LEAD]
        page.published_date = article.published_date
        page.body = add_images(article, item, self.user, notes)
        # Orderable children keep the source's order (modelcluster leaves sort_order empty
        # unless a form sets it, and the first author leads the citation).
        page.article_authors = [
            ArticleAuthor(author=author, sort_order=order)
            for order, author in enumerate(a for a in authors if a)
        ]
        page.page_topics = [
            PageTopic(topic=topic, sort_order=order) for order, topic in enumerate(topics)
        ]
        page.sectors = sectors
        self.literature.write(page, article.literature, prepared_literature)
        if page.pk is None:
            create_page(index, page, publish=self.publish, user=self.user)
        else:
            if not page.live:
                page.save()
            revision = page.save_revision(user=self.user, log_action=True)
            if self.publish:
                revision.publish(user=self.user)
        result.redirects = point_old_urls(page, article.source_url, notes)
        self.lookups.remember_page(page)
        values = {
            "source_format": article.source_format,
            "source_name": item.name[:500],
            "page": page,
            "fingerprint": fingerprint,
            "related_entries": related_entries(article, self.lookups),
            "notes": notes,
        }
        if known is None:
            ImportRecord.objects.create(source_key=key, **values)
        else:
            ImportRecord.objects.update_or_create(source_key=key, defaults=values)
        self.lookups.remember_record(key, page, fingerprint)
        result.status, result.page_id = action, page.pk
        result.page_url = page.url or ""

    def _unique_slug(self, index, article: ParsedArticle) -> str:
        stem = PurePosixPath(urlsplit(article.source_url).path).stem if article.source_url else ""
        base = (slugify(article.slug or stem or article.title) or "artikel")[:200]
        slug, number = base, 1
        while self.lookups.slug_taken(index, slug):
            number += 1
            slug = f"{base}-{number}"
        return slug


def related_entries(article: ParsedArticle, lookups: RunLookups) -> list[dict]:
    """The old page's "Gerelateerd" entries, with the page each one names where that page
    already exists here (by short title, then title); the rest stay pending, to be resolved
    when curated related content exists or when a later import brings the page."""
    return [
        {**asdict(entry), "page_id": lookups.page_named(entry.short_title, entry.title)}
        for entry in article.related
    ]


def resolve_pending_related() -> int:
    """Link pending "Gerelateerd" entries of earlier imports to pages that exist now (a later
    import may have brought them). Returns the number of entries resolved."""
    by_short, by_title = {}, {}
    for pk, short_title, title in ArticlePage.objects.values_list("pk", "short_title", "title"):
        by_short.setdefault(short_title.casefold(), pk)
        by_title.setdefault(title.casefold(), pk)
    resolved = 0
    for record in ImportRecord.objects.exclude(related_entries=[]).only("pk", "related_entries"):
        changed = False
        for entry in record.related_entries:
            if entry.get("page_id"):
                continue
            found = by_short.get(str(entry.get("short_title", "")).casefold()) or by_title.get(
                str(entry.get("title", "")).casefold()
            )
            if found and found != record.page_id:
                entry["page_id"], changed = found, True
                resolved += 1
        if changed:
            record.save(update_fields=["related_entries"])
    return resolved


def _line(result: ItemResult) -> str:
    """One console line per item, its status in the active language (Dutch by default)."""
    text = f"{statuses.label(result.status):>22}  {result.source}"
    if result.title:
        text += f"  «{result.title}»"
    if result.reason:
        text += f"  — {result.reason}"
    note_label = gettext("note")
    for note in result.notes:
        text += f"\n{'':>24}{note_label}: {note}"
    return text
