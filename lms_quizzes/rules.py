"""A quiz's rules for one learner: attempts, time limit and dates, accommodated."""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page

from .models.attempts import QuizOverride


@dataclass
class Rules:
    """A quiz's settings for one learner, accommodations included."""

    attempts_allowed: int  # 0: unlimited
    time_limit_minutes: int | None
    opens_at: datetime | None
    closes_at: datetime | None

    def is_open(self, now) -> bool:
        return (self.opens_at is None or self.opens_at <= now) and (
            self.closes_at is None or now < self.closes_at
        )


def rules_for(quiz: Page, user) -> Rules:
    """The rules of ``quiz`` (a ``QuizPage``) for ``user``, accommodation included."""
    override = QuizOverride.objects.filter(
        quiz_key=quiz.translation_key, user=user
    ).first()
    rules = Rules(
        quiz.attempts_allowed, quiz.time_limit_minutes, quiz.opens_at, quiz.closes_at
    )
    if override:
        if rules.attempts_allowed:
            rules.attempts_allowed += override.extra_attempts
        if rules.time_limit_minutes:
            rules.time_limit_minutes += override.extra_minutes
        if override.closes_at:
            rules.closes_at = override.closes_at
    return rules
