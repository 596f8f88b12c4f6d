"""What quizzes add to a learner's progress: a passed quiz is a step done."""

from .models import QuizResult


def passed_quiz_keys(enrolments) -> dict:
    """{enrolment id: keys of the quizzes its learner has passed}, in one query."""
    by_user: dict[int, set] = {}
    rows = QuizResult.objects.filter(
        user_id__in={e.user_id for e in enrolments}, passed=True
    ).values_list("user_id", "quiz_key")
    for user_id, quiz_key in rows:
        by_user.setdefault(user_id, set()).add(quiz_key)
    return {e.pk: by_user.get(e.user_id, set()) for e in enrolments}
