"""Finding the authors, themes, topics and sectors an imported page names, so that an author of
forty imported articles is one author and a theme named in a page is the existing theme.

Lookups are loaded once per run and kept in memory (a run may import thousands of pages). In a
dry run nothing is created: what would be created is recorded under a placeholder instead, so
the second page by the same new author is reported as matching, as it would be for real."""

from __future__ import annotations

import re

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from kennisbank.people.models import Author
from kennisbank.taxonomy.models import Sector, ThemePage, TopicPage

from .dutch import split_name
from .parsed import ParsedAuthor

PLANNED = object()
NO_BIO = "Auteur"  # stands for an object a dry run would have created


def normalise(name: str) -> str:
    return " ".join(name.casefold().replace("’", "'").split())


class Resolver:
    def __init__(self, *, dry_run: bool, publish: bool, user=None):
        self.dry_run, self.publish, self.user = dry_run, publish, user
        self._authors: dict[str, Author | object] | None = None
        self._themes: dict[str, ThemePage] | None = None
        self._topics: dict[tuple[int, str], TopicPage | object] | None = None
        self._sectors: dict[str, Sector] | None = None

    # Authors

    def _load_authors(self) -> dict:
        if self._authors is None:
            self._authors = {normalise(a.full_name): a for a in Author.objects.all()}
        return self._authors

    def author(self, parsed: ParsedAuthor, notes: list[str]) -> Author | None:
        authors = self._load_authors()
        key = normalise(parsed.name)
        found = authors.get(key)
        if found is PLANNED:
            return None
        if found is not None:
            if found.bio_line in ("", NO_BIO) and parsed.bio_line and not self.dry_run:
                found.bio_line = parsed.bio_line[:200]
                found.organisation = found.organisation or parsed.organisation[:200]
                found.save(update_fields=["bio_line", "organisation"])
                notes.append(_("author %(name)s: bio line filled in") % {"name": found.full_name})
            if self.publish and not found.live and not self.dry_run:
                found.save_revision(user=self.user).publish(user=self.user)
            return found
        notes.append(_("new author %(name)s") % {"name": parsed.name})
        if self.dry_run:
            authors[key] = PLANNED
            return None
        name = split_name(parsed.name)
        if not parsed.bio_line:
            # The one-line bio is required to publish an author; a neutral word stands in
            # until an editor writes one.
            notes.append(
                _("author %(name)s: no bio line in the source, '%(bio)s' filled in")
                % {"name": parsed.name, "bio": NO_BIO}
            )
        author = Author(
            given_name=name.given_name[:100],
            initials=(parsed.initials or name.initials)[:20],
            particle=name.particle[:20],
            family_name=name.family_name[:100] or parsed.name[:100],
            slug=self._unique_author_slug(parsed.name),
            bio_line=parsed.bio_line[:200] or NO_BIO,
            organisation=parsed.organisation[:200],
            live=self.publish,
            has_unpublished_changes=not self.publish,
        )
        author.save()
        revision = author.save_revision(user=self.user)
        if self.publish:
            revision.publish(user=self.user)
        authors[key] = author
        return author

    def _unique_author_slug(self, name: str) -> str:
        base = (slugify(name) or "auteur")[:110]
        slug, number = base, 1
        while Author.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    # Themes and topics

    def _load_taxonomy(self) -> None:
        if self._themes is None:
            themes = list(ThemePage.objects.all())
            self._themes = {normalise(t.title): t for t in themes}
            # A topic's parent is found from its tree path, without a query per topic.
            theme_by_path = {theme.path: theme.pk for theme in themes}
            self._topics = {}
            for topic in TopicPage.objects.all():
                parent_id = theme_by_path.get(topic.path[: -Page.steplen])
                self._topics.setdefault((parent_id, normalise(topic.title)), topic)

    def topics(self, themes: list[str], topics: list[str], notes: list[str]) -> list[TopicPage]:
        """Topics by name under the named themes. A topic that is not there is matched to a
        topic of the theme whose name it contains as a whole word ("Onveilige hechting" →
        "Hechting"), and otherwise created under the first theme named, with a note either way.
        Themes are never created: they are the site's top level."""
        self._load_taxonomy()
        found_themes = []
        for name in themes:
            theme = self._themes.get(normalise(name))
            if theme is None:
                notes.append(_("theme %(name)r does not exist: not created") % {"name": name})
            else:
                found_themes.append(theme)
        result: list[TopicPage] = []
        for name in topics:
            topic = self._topic(name, found_themes, notes)
            if topic is not None and topic is not PLANNED and topic not in result:
                result.append(topic)
        return result

    def _topic(self, name: str, themes: list[ThemePage], notes: list[str]):
        key = normalise(name)
        candidates = [(theme.pk, key) for theme in themes] or [
            pair for pair in self._topics if pair[1] == key
        ]
        for pair in candidates:
            if pair in self._topics:
                return self._topics[pair]
        for theme in themes:
            for (theme_id, topic_key), topic in self._topics.items():
                if theme_id == theme.pk and topic is not PLANNED and _contains_word(key, topic_key):
                    notes.append(
                        _("topic %(name)r filed under the existing topic %(topic)r")
                        % {"name": name, "topic": topic.title}
                    )
                    return topic
        if not themes:
            notes.append(
                _("topic %(name)r not found and no theme given: not filed") % {"name": name}
            )
            return None
        theme = themes[0]
        notes.append(
            _("new topic %(name)r under theme %(theme)r") % {"name": name, "theme": theme.title}
        )
        if self.dry_run:
            self._topics[(theme.pk, key)] = PLANNED
            return PLANNED
        topic = TopicPage(title=name[:255], slug=self._unique_child_slug(theme, name))
        topic.live = self.publish
        theme.add_child(instance=topic)
        revision = topic.save_revision(user=self.user)
        if self.publish:
            revision.publish(user=self.user)
        self._topics[(theme.pk, key)] = topic
        return topic

    @staticmethod
    def _unique_child_slug(parent, title: str) -> str:
        base = (slugify(title) or "onderwerp")[:240]
        slug, number = base, 1
        while parent.get_children().filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    # Sectors

    def sectors(self, names: list[str], notes: list[str]) -> list[Sector]:
        if self._sectors is None:
            self._sectors = {}
            for sector in Sector.objects.all():
                for label in (sector.code, sector.name, sector.abbreviation):
                    self._sectors[normalise(label)] = sector
        result = []
        for name in names:
            sector = self._sectors.get(normalise(name))
            if sector is None:
                notes.append(_("sector %(name)r unknown: ignored") % {"name": name})
            elif sector not in result:
                result.append(sector)
        return result


def _contains_word(text: str, word: str) -> bool:
    return bool(re.search(rf"(^|\W){re.escape(word)}($|\W)", text))
