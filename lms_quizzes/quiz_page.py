"""What a quiz page shows a learner: the rules, their attempts and their result."""

from django.utils import timezone
from wagtail.models import Page

from lms_courses.outline import original_page
from lms_courses.progress import can_read_lessons, learner_outline

from .models.attempts import Attempt, QuizResult
from .rules import rules_for


def quiz_page_context(quiz: Page, request) -> dict:
    """What the ``QuizPage`` shows: the rules, the learner's attempts and result.

    In a translation too, the rules and questions are the original's: they are what
    an attempt draws and grades.
    """
    user = request.user
    original = original_page(quiz).specific
    outline, enrolment = learner_outline(course_of(quiz), user)
    can_read = can_read_lessons(user, outline, enrolment)
    context = {
        "course": outline.course,
        "outline": outline,
        "enrolment": enrolment,
        "can_read": can_read,
        "question_count": original.draw_count or len(original.questions),
    }
    previous_item, next_item = outline.neighbours(quiz.translation_key)
    context.update(previous_item=previous_item, next_item=next_item)
    if not user.is_authenticated:
        return context
    rules = rules_for(original, user)
    attempts = list(
        Attempt.objects.filter(user=user, quiz_key=quiz.translation_key).order_by(
            "number"
        )
    )
    current = next((a for a in attempts if a.is_open), None)
    used = len(attempts)
    context.update(
        rules=rules,
        attempts=[a for a in attempts if not a.is_open],
        current=current,
        result=QuizResult.objects.filter(
            user=user, quiz_key=quiz.translation_key
        ).first(),
        attempts_left=(
            None
            if not rules.attempts_allowed
            else max(rules.attempts_allowed - used, 0)
        ),
        is_open=rules.is_open(timezone.now()),
        can_attempt=bool(enrolment and enrolment.is_active and can_read),
    )
    return context


def next_steps(shown: Page, original: Page, user) -> dict:
    """Where a learner goes after a result: the step after the quiz in the course
    outline, another attempt if the rules leave one (and how many), the course."""
    outline, enrolment = learner_outline(course_of(shown), user)
    _previous, next_item = outline.neighbours(shown.translation_key)
    rules = rules_for(original, user)
    attempts = Attempt.objects.filter(user=user, quiz_key=original.translation_key)
    used = attempts.count()
    attempts_left = (
        None if not rules.attempts_allowed else max(rules.attempts_allowed - used, 0)
    )
    can_retry = (
        enrolment is not None
        and enrolment.is_active
        and attempts_left != 0
        and rules.is_open(timezone.now())
        and not attempts.filter(status=Attempt.Status.IN_PROGRESS).exists()
    )
    return {
        "course": outline.course,
        "next_item": next_item,
        "can_retry": can_retry,
        "attempts_left": attempts_left,
    }


def course_of(quiz: Page) -> Page:
    """The course a quiz belongs to (the page two levels up)."""
    return Page.objects.get(path=quiz.path[: Page.steplen * (quiz.depth - 2)])
