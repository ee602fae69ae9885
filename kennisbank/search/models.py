"""The search index lives in the site's own database (see docs/search.md):

- SearchDocument: one row per indexed page (or benchmark document): what results, facets and
  snippets show, the document's lengths, and its word-term vector for feedback.
- SearchTerm: the main segment, one row per term with its postings as a blob (int32 document
  numbers followed by float32 field-weighted term frequencies).
- SearchDelta: postings of documents indexed since the last merge, one row per (term, doc).
- SearchWord: the surface words of the collection, the vocabulary for typo repair.
- SearchState: a version counter that tells every process when its cached arrays are stale.
- Synonym, ProtectedWord: editor data, managed as snippets in the admin.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SearchDocument(models.Model):
    key = models.CharField(max_length=100, unique=True)
    page_id = models.IntegerField(null=True, blank=True, db_index=True)
    docnum = models.IntegerField(unique=True)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=1000, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    date = models.DateField(null=True, blank=True)
    themes = models.CharField(max_length=500, blank=True)  # " 3 17 " theme page ids
    sectors = models.CharField(max_length=200, blank=True)  # " po vo "
    word_length = models.FloatField(default=0)
    gram_length = models.FloatField(default=0)
    terms = models.BinaryField(default=b"")  # word terms and counts, for pseudo-relevance feedback

    class Meta:
        verbose_name = _("search document")

    def __str__(self):
        return self.key


class SearchTerm(models.Model):
    """A term's postings in one segment. A full rebuild writes a segment per batch of documents
    (bounded memory); merges turn the delta into further segments."""

    term = models.CharField(max_length=100)
    segment = models.IntegerField(default=0)
    df = models.IntegerField(default=0)
    postings = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "segment"], name="unique_term_segment")
        ]

    def __str__(self):
        return f"{self.term} ({self.segment})"


class SearchDelta(models.Model):
    term = models.CharField(max_length=100, db_index=True)
    docnum = models.IntegerField(db_index=True)
    weight = models.FloatField()

    def __str__(self):
        return f"{self.term} {self.docnum}"


class SearchWord(models.Model):
    word = models.CharField(max_length=100, unique=True)
    df = models.IntegerField(default=1)

    def __str__(self):
        return self.word


class SearchState(models.Model):
    """A single row (pk=1)."""

    version = models.BigIntegerField(default=0)
    next_docnum = models.IntegerField(default=0)
    vocabulary_version = models.BigIntegerField(default=0)
    editor_version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"search index version {self.version}"


class Synonym(models.Model):
    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", _("Abbreviation")
        SYNONYM = "synonym", _("Synonyms")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SYNONYM)
    terms = models.TextField(
        _("words"),
        help_text=_(
            "Comma-separated words or phrases that mean the same, e.g. "
            "'ib'er, intern begeleider'. For an abbreviation, put the abbreviation first."
        ),
    )

    panels = [FieldPanel("kind"), FieldPanel("terms")]

    class Meta:
        ordering = ["kind", "terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self):
        return self.terms

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Give at least two words, separated by commas.")})


class ProtectedWord(models.Model):
    word = models.CharField(
        _("word"),
        max_length=100,
        unique=True,
        help_text=_(
            "Searched as written: never split into parts, never stemmed. Takes full effect "
            "for existing pages after the next index rebuild."
        ),
    )

    panels = [FieldPanel("word")]

    class Meta:
        ordering = ["word"]
        verbose_name = _("protected word")
        verbose_name_plural = _("protected words")

    def __str__(self):
        return self.word
