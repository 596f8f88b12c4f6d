"""A learner's quiz attempts, answers, results and accommodations: their copy, and
their anonymisation (see ``lms_courses.personal_data``)."""

from lms_courses.personal_data import page_titles, reader_language

from .models import Attempt, QuizOverride, QuizPage, QuizResult


def records_of(user) -> dict:
    """Attempts with their answers, results and accommodations (six queries at most,
    whatever the count)."""
    attempts = list(
        Attempt.objects.filter(user=user)
        .prefetch_related("answers")
        .order_by("started_at", "pk")
    )
    results = list(QuizResult.objects.filter(user=user).order_by("updated_at", "pk"))
    overrides = list(QuizOverride.objects.filter(user=user).order_by("pk"))
    keys = {a.quiz_key for a in attempts} | {r.quiz_key for r in results}
    keys |= {o.quiz_key for o in overrides}
    titles = page_titles(keys, reader_language(user))
    questions = _questions(keys, reader_language(user))
    return {
        "quiz_attempts": [
            {
                "quiz_key": attempt.quiz_key,
                "quiz": titles.get(attempt.quiz_key, ""),
                "attempt": attempt.number,
                "status": attempt.status,
                "started_at": attempt.started_at,
                "deadline": attempt.deadline,
                "submitted_at": attempt.submitted_at,
                "ended_by_time_limit": attempt.timed_out,
                "points": attempt.score,
                "out_of": attempt.max_score,
                "percent": attempt.percent,
                "passed": attempt.passed,
                "answers": [
                    _answer(answer, questions.get(attempt.quiz_key, {}))
                    for answer in sorted(
                        attempt.answers.all(), key=lambda a: (a.saved_at, a.pk)
                    )
                ],
            }
            for attempt in attempts
        ],
        "quiz_results": [
            {
                "quiz_key": result.quiz_key,
                "quiz": titles.get(result.quiz_key, ""),
                "percent": result.percent,
                "passed": result.passed,
                "attempts": result.attempts,
                "updated_at": result.updated_at,
            }
            for result in results
        ],
        "quiz_accommodations": [
            {
                "quiz_key": override.quiz_key,
                "quiz": titles.get(override.quiz_key, ""),
                "extra_minutes": override.extra_minutes,
                "extra_attempts": override.extra_attempts,
                "closes_at": override.closes_at,
                "reason": override.reason,
            }
            for override in overrides
        ],
    }


def anonymise(user, placeholder) -> None:
    """Attempts, answers and results still count in the quiz's statistics, under the
    placeholder; an accommodation says something about the person and goes."""
    QuizOverride.objects.filter(user=user).delete()
    Attempt.objects.filter(user=user).update(user=placeholder)
    QuizResult.objects.filter(user=user).update(user=placeholder)


def _questions(keys: set, language: str) -> dict:
    """{quiz key: {question id: (text, {choice id: text})}}, in ``language`` where the
    quiz is translated; one query."""
    if not keys:
        return {}
    chosen: dict = {}
    for quiz in (
        QuizPage.objects.filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("pk")
    ):
        if quiz.translation_key not in chosen or quiz.locale.language_code == language:
            chosen[quiz.translation_key] = quiz
    return {key: _texts(quiz) for key, quiz in chosen.items()}


def _texts(quiz: QuizPage) -> dict:
    texts = {}
    for question in quiz.questions:
        choices = question.value.get("choices")
        texts[question.id] = (
            str(question.value.get("text", "")),
            {c.id: str(c.value["text"]) for c in choices.bound_blocks}
            if choices is not None
            else {},
        )
    return texts


def _answer(answer, questions: dict) -> dict:
    text, choices = questions.get(answer.question_id, ("", {}))
    response = answer.response
    if isinstance(response, str) and response in choices:
        response = choices[response]
    elif isinstance(response, list):
        response = [choices.get(item, item) for item in response]
    return {
        "question_id": answer.question_id,
        "question": text,
        "response": response,
        "saved_at": answer.saved_at,
        "share_of_points": answer.fraction,
        "points": answer.points,
    }
