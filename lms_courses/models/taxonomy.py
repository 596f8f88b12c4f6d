"""The curriculum's fixed vocabularies (GCM objectives, SDGs) and free topic tags.

GCM objectives and SDGs are reference data loaded by a data migration; trainers pick
them (``free_tagging = False``) but cannot invent new ones. Each carries its title in
the three languages of the site.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class TranslatedTitleMixin(models.Model):
    """A title in Azerbaijani, English and Russian, read in the active language."""

    title_az = models.TextField(_("title (Azerbaijani)"))
    title_en = models.TextField(_("title (English)"))
    title_ru = models.TextField(_("title (Russian)"))

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"title_{language}", "") or self.title_en


class GCMObjective(TranslatedTitleMixin, TagBase):
    """One of the 23 objectives of the Global Compact for Migration."""

    free_tagging = False
    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=23),
                name="courses_gcm_objective_number_range",
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.title}"


class GCMGuidingPrinciple(TranslatedTitleMixin, models.Model):
    """One of the 10 cross-cutting guiding principles of the Global Compact."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM guiding principle")
        verbose_name_plural = _("GCM guiding principles")

    def __str__(self):
        return self.title


class SDG(TranslatedTitleMixin, TagBase):
    """One of the 17 Sustainable Development Goals."""

    free_tagging = False
    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17),
                name="courses_sdg_number_range",
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.title}"


class SDGTarget(TranslatedTitleMixin, models.Model):
    """A migration-relevant target of an SDG, such as 10.7."""

    goal = models.ForeignKey(SDG, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=8, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return self.code


class Topic(TagBase):
    """A free topic tag that trainers type ("labour migration", "visas")."""

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class CurriculumPageGCMObjective(ItemBase):
    tag = models.ForeignKey(
        GCMObjective, on_delete=models.CASCADE, related_name="tagged_items"
    )
    content_object = ParentalKey(
        "lms_courses.CurriculumPage",
        on_delete=models.CASCADE,
        related_name="gcm_objective_items",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="courses_unique_page_gcm"
            )
        ]


class CurriculumPageSDG(ItemBase):
    tag = models.ForeignKey(SDG, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "lms_courses.CurriculumPage", on_delete=models.CASCADE, related_name="sdg_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="courses_unique_page_sdg"
            )
        ]


class CurriculumPageTopic(ItemBase):
    tag = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="tagged_items"
    )
    content_object = ParentalKey(
        "lms_courses.CurriculumPage",
        on_delete=models.CASCADE,
        related_name="topic_items",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="courses_unique_page_topic"
            )
        ]
