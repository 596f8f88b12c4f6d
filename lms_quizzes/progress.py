"""What quizzes add to a learner's progress: a passed quiz is a step done."""

from lms_toolkit.page_cache import read_once

from .models import QuizResult


def passed_quiz_keys(enrolments) -> dict:
    """{enrolment id: keys of the quizzes its learner has passed}, in one query (none
    when this request already read the learner's results)."""
    users = {e.user_id for e in enrolments}
    if len(users) == 1:
        (user_id,) = users
        passed = {key for key, (_, ok) in learner_results(user_id).items() if ok}
        return {e.pk: passed for e in enrolments}
    by_user: dict[int, set] = {}
    rows = QuizResult.objects.filter(user_id__in=users, passed=True).values_list(
        "user_id", "quiz_key"
    )
    for user_id, quiz_key in rows:
        by_user.setdefault(user_id, set()).add(quiz_key)
    return {e.pk: by_user.get(e.user_id, set()) for e in enrolments}


def learner_results(user_id: int) -> dict:
    """{quiz key: (percent, passed)} of one learner's best results: one query, shared
    by the panels of a request."""
    return read_once(
        f"quiz-results:{user_id}",
        lambda: {
            key: (float(percent), passed)
            for key, percent, passed in QuizResult.objects.filter(
                user_id=user_id
            ).values_list("quiz_key", "percent", "passed")
        },
    )
