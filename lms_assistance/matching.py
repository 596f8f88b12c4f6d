"""Which volunteers the desk suggests for a request: active, holding the desk's
qualification, speaking the migrant's language, and not already full of tasks."""

from dataclasses import dataclass

from django.db.models import Count, Q

from lms_volunteers.models import QualificationGrant, Volunteer

from . import conf
from .models import TASK_STATUSES, AssistanceRequest

# How volunteers write a language in their free-text list, in our three languages.
LANGUAGE_NAMES = {
    "az": ["azerbaijani", "azərbaycan", "азербайджан"],
    "ru": ["russian", "rus", "русск"],
    "en": ["english", "ingilis", "англ"],
    "fa": ["persian", "farsi", "fars", "перс"],
    "ar": ["arabic", "ərəb", "араб"],
    "tr": ["turkish", "türk", "турец"],
    "uk": ["ukrainian", "ukrayna", "украин"],
    "ka": ["georgian", "gürcü", "грузин"],
    "uz": ["uzbek", "özbək", "узбек"],
}


@dataclass(frozen=True)
class Suggestion:
    volunteer: Volunteer
    open_tasks: int


def qualified_volunteers():
    """Active volunteers holding a valid desk qualification, with their open tasks."""
    holders = QualificationGrant.objects.valid().filter(
        qualification__name_en=conf.qualification_name()
    )
    return (
        Volunteer.objects.active()
        .filter(pk__in=holders.values("volunteer"))
        .select_related("user")
        .annotate(
            open_tasks=Count(
                "user__assistance_tasks",
                filter=Q(user__assistance_tasks__status__in=TASK_STATUSES),
                distinct=True,
            )
        )
        .order_by("open_tasks", "user__first_name", "pk")
    )


def suggest(request: AssistanceRequest, limit: int = 8) -> list[Suggestion]:
    """Qualified volunteers who speak the language and are free, least busy first."""
    return [
        Suggestion(volunteer, volunteer.open_tasks)
        for volunteer in qualified_volunteers().filter(
            open_tasks__lt=conf.max_open_tasks()
        )
        if speaks(volunteer.languages, request.preferred_language)
    ][:limit]


def speaks(languages: str, code: str) -> bool:
    """Whether a volunteer's "Azerbaijani, Russian" list includes language ``code``."""
    spoken = languages.lower()
    return any(name in spoken for name in LANGUAGE_NAMES.get(code, [code]))
