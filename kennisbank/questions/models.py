from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from kennisbank.core.blocks import BodyBlock
from kennisbank.core.models import IntroPage
from kennisbank.core.pagination import paginate, requested_page_number
from kennisbank.related.panels import content_edit_handler
from kennisbank.taxonomy.listing import as_cards
from kennisbank.taxonomy.models import ContentLabel, ContentPage, PageTopic, ThemePage, TopicPage

QUESTIONS_PER_PAGE = 12


class EvidenceStrength(models.TextChoices):
    """How much the evidence is worth. "Not researched" is its own state: absence of research
    says nothing about whether an approach works, and readers must not read it as "does not
    work"."""

    STRONG = "sterk", _("strong")
    MODERATE = "redelijk", _("moderate")
    LIMITED = "beperkt", _("limited")
    CONFLICTING = "tegenstrijdig", _("conflicting")
    NOT_RESEARCHED = "niet-onderzocht", _("not researched")


# Plain-language explanations shown next to the indicator; editors can add their own nuance in
# `evidence_note`.
EVIDENCE_EXPLANATIONS = {
    EvidenceStrength.STRONG: _(
        "Several good studies point the same way, including studies with a comparison group."
    ),
    EvidenceStrength.MODERATE: _(
        "Some good studies point the same way, but there are few of them or they were small."
    ),
    EvidenceStrength.LIMITED: _(
        "There are only a few small or weaker studies; the answer may change with new research."
    ),
    EvidenceStrength.CONFLICTING: _("Good studies disagree; the answer depends on the situation."),
    EvidenceStrength.NOT_RESEARCHED: _(
        "This has not been studied (enough). That does not mean it does not work: we do not know."
    ),
}

# Filled segments of the five-step indicator; "not researched" shows no scale at all.
EVIDENCE_LEVELS = {
    EvidenceStrength.STRONG: 4,
    EvidenceStrength.MODERATE: 3,
    EvidenceStrength.LIMITED: 2,
    EvidenceStrength.CONFLICTING: 1,
}


class ResearchQuestionIndexPage(IntroPage):
    """All research questions ("Kennisvragen"), optionally of one theme (`?thema=<slug>`)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["questions.ResearchQuestionPage"]
    max_count = 1
    template = "questions/research_question_index_page.html"

    class Meta:
        verbose_name = _("research question index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = list(ThemePage.objects.live().public().order_by("title"))
        theme = next((t for t in themes if t.slug == request.GET.get("thema")), None)
        questions = (
            ResearchQuestionPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")
        )
        if theme is not None:
            topics = TopicPage.objects.child_of(theme)
            questions = questions.filter(
                Exists(PageTopic.objects.filter(page=OuterRef("pk"), topic__in=topics))
            )
        items = paginate(questions, requested_page_number(request), QUESTIONS_PER_PAGE, as_cards)
        context.update(
            items=items,
            paginator=items.paginator,
            themes=themes,
            theme=theme,
            unknown_theme=bool(request.GET.get("thema")) and theme is None,
        )
        return context


class ResearchQuestionPage(ContentPage):
    """A teacher's question with a short evidence-based answer first and the fuller summary
    after it. The title is the short title of the question; `question` is how it was asked."""

    question = models.TextField(
        _("question as asked"),
        max_length=1000,
        help_text=_("The question in the asker's words, e.g. 'Helpt traumasensitief lesgeven…?'"),
    )
    short_answer = models.TextField(
        _("short answer"),
        max_length=1200,
        help_text=_("A few sentences, shown first."),
    )
    evidence_summary = StreamField(BodyBlock(), verbose_name=_("evidence summary"), blank=True)
    evidence_strength = models.CharField(
        _("strength of the evidence"),
        max_length=20,
        choices=EvidenceStrength.choices,
        default=EvidenceStrength.NOT_RESEARCHED,
    )
    evidence_note = models.TextField(
        _("about the evidence"),
        blank=True,
        max_length=600,
        help_text=_("Optional: what the indicator means for this question, in plain language."),
    )
    answered_date = models.DateField(_("answered on"), blank=True, null=True)

    default_content_label = ContentLabel.RESEARCH_SUMMARY
    card_template = "questions/includes/card_details.html"

    content_panels = ContentPage.content_panels + [
        FieldPanel("short_title"),
        FieldPanel("question"),
        FieldPanel("lead"),
        FieldPanel("short_answer"),
        MultiFieldPanel(
            [FieldPanel("evidence_strength"), FieldPanel("evidence_note")],
            heading=_("Evidence"),
        ),
        FieldPanel("evidence_summary"),
        InlinePanel("sources", label=_("Sources"), heading=_("Sources")),
        MultipleChooserPanel(
            "answerers",
            chooser_field_name="author",
            label=_("Answered by"),
            heading=_("Answered by"),
        ),
        FieldPanel("answered_date"),
    ]
    edit_handler = content_edit_handler(
        content_panels, ContentPage.promote_panels, ContentPage.settings_panels
    )

    parent_page_types = ["questions.ResearchQuestionIndexPage"]
    subpage_types: list[str] = []
    template = "questions/research_question_page.html"

    search_fields = ContentPage.search_fields + [
        index.SearchField("short_title"),
        index.SearchField("question"),
        index.SearchField("lead"),
        index.SearchField("short_answer"),
        index.SearchField("evidence_summary"),
    ]

    class Meta:
        verbose_name = _("research question")
        verbose_name_plural = _("research questions")

    @property
    def evidence_explanation(self) -> str:
        return self.evidence_note or str(EVIDENCE_EXPLANATIONS[self.evidence_strength])

    @property
    def evidence_level(self) -> int | None:
        return EVIDENCE_LEVELS.get(self.evidence_strength)

    @property
    def evidence_scale(self) -> list[bool]:
        level = self.evidence_level or 0
        return [step < level for step in range(4)]

    @cached_property
    def answered_by(self) -> list:
        if "answerers" in getattr(self, "_prefetched_objects_cache", {}):
            links = self.answerers.all()
        else:
            links = self.answerers.select_related("author")
        return [link.author for link in links]

    @cached_property
    def source_list(self) -> list[str]:
        return [source.text for source in self.sources.all()]

    def related_text(self) -> str:
        """The words the related-content service compares."""
        body = " ".join(
            self.evidence_summary.stream_block.get_searchable_content(self.evidence_summary)
        )
        return " ".join([self.title, self.question, self.lead, self.short_answer, body])

    @classmethod
    def prepare_cards(cls, pages):
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(
            pages, Prefetch("answerers", QuestionAnswerer.objects.select_related("author"))
        )

    def get_json_ld(self, request=None) -> dict:
        answer = {
            "@type": "Answer",
            "text": self.short_answer,
            "url": self.get_full_url(request),
        }
        if self.answered_date:
            answer["dateCreated"] = self.answered_date.isoformat()
        if self.answered_by:
            answer["author"] = [
                {"@type": "Person", "name": author.full_name} for author in self.answered_by
            ]
        data = {
            "@context": "https://schema.org",
            "@type": "QAPage",
            "inLanguage": "nl",
            "mainEntity": {
                "@type": "Question",
                "name": self.title,
                "text": self.question,
                "answerCount": 1,
                "acceptedAnswer": answer,
                "about": [{"@type": "Thing", "name": topic.title} for topic in self.topics],
            },
        }
        if self.published_date:
            data["mainEntity"]["dateCreated"] = self.published_date.isoformat()
        if self.source_list:
            data["mainEntity"]["citation"] = self.source_list
        return data


class QuestionSource(Orderable):
    """One source the answer rests on, as a reference in the site's citation style."""

    page = ParentalKey(ResearchQuestionPage, on_delete=models.CASCADE, related_name="sources")
    text = models.TextField(_("reference"), max_length=2000)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.text


class QuestionAnswerer(Orderable):
    page = ParentalKey(ResearchQuestionPage, on_delete=models.CASCADE, related_name="answerers")
    author = models.ForeignKey(
        "people.Author",
        on_delete=models.PROTECT,
        related_name="answered_questions",
        verbose_name=_("author"),
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("answered by")
        verbose_name_plural = _("answered by")
