"""Item statistics of a quiz, as psychometrics defines them.

Facility index: the mean share of the points learners earned on a question (1: all
right). Discrimination index: the facility among the top third of attempts (by total
score) minus the facility among the bottom third; a good question is above 0.3, a
negative one rewards the weaker learners and needs another look.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .models import Answer, Attempt


@dataclass
class ItemStatistics:
    question_id: str
    answered: int
    facility: Decimal | None
    discrimination: Decimal | None


def item_statistics(quiz) -> list[ItemStatistics]:
    """One row per question of the quiz, in the quiz's order (two queries)."""
    attempts = list(
        Attempt.objects.filter(
            quiz_key=quiz.translation_key, status=Attempt.Status.GRADED
        )
        .order_by("-percent", "pk")
        .values_list("pk", flat=True)
    )
    fractions: dict[str, dict[int, Decimal]] = defaultdict(dict)
    rows = Answer.objects.filter(
        attempt_id__in=attempts, fraction__isnull=False
    ).values_list("question_id", "attempt_id", "fraction")
    for question_id, attempt_id, fraction in rows:
        fractions[question_id][attempt_id] = fraction
    third = len(attempts) // 3
    top, bottom = set(attempts[:third]), set(attempts[-third:]) if third else set()
    return [
        ItemStatistics(
            question.id,
            len(fractions[question.id]),
            _mean(fractions[question.id].values()),
            _difference(fractions[question.id], top, bottom) if third else None,
        )
        for question in quiz.questions
    ]


def _difference(by_attempt: dict, top: set, bottom: set) -> Decimal | None:
    upper = _mean(f for a, f in by_attempt.items() if a in top)
    lower = _mean(f for a, f in by_attempt.items() if a in bottom)
    if upper is None or lower is None:
        return None
    return (upper - lower).quantize(Decimal("0.01"))


def _mean(values) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.01"))
