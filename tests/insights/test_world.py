"""The insights test world is what its docstring says: the page tests trust it."""

from lms_quizzes.models import QuestionTag
from tests.insights.conftest import add_learners


def test_question_tags_follow_the_quiz_unless_the_question_has_its_own(cohort_school):
    quiz_one = cohort_school["quizzes"][0]
    rows = QuestionTag.objects.filter(quiz_key=quiz_one.translation_key)
    tagged = {(r.question_id, r.objective.number) for r in rows if r.objective_id}
    assert tagged == {("b-1", 11), ("b-2", 11), ("b-3", 4)}


def test_bulk_learners_join_the_cohort(cohort_school):
    add_learners(cohort_school, 25)
    assert cohort_school["cohort"].members().count() == 27
