"""Which GCM objectives and SDG targets each question tests, as rows SQL can join.

A question's own tags win; a question without any takes its quiz's. The rows of a quiz
are replaced in one transaction each time it is published.
"""

from decimal import Decimal

from django.db import transaction

from lms_courses.models import GCMObjective, SDGTarget

from .models import QuestionTag


def index_question_tags(quiz) -> int:
    """Replace the tag rows of ``quiz``'s questions; returns how many were written."""
    objectives = {str(o.number): o.pk for o in GCMObjective.objects.all()}
    targets = dict(SDGTarget.objects.values_list("code", "pk"))
    quiz_objectives = [str(o.number) for o in quiz.gcm_objectives.all()]
    quiz_targets = [t.code for t in quiz.sdg_targets.all()]
    rows = []
    for question in quiz.questions:
        value = question.value
        points = Decimal(value.get("points") or 0)
        for number in value.get("gcm_objectives") or quiz_objectives:
            if number in objectives:
                rows.append(
                    QuestionTag(
                        quiz_key=quiz.translation_key,
                        question_id=question.id,
                        points=points,
                        objective_id=objectives[number],
                    )
                )
        for code in value.get("sdg_targets") or quiz_targets:
            if code in targets:
                rows.append(
                    QuestionTag(
                        quiz_key=quiz.translation_key,
                        question_id=question.id,
                        points=points,
                        sdg_target_id=targets[code],
                    )
                )
    with transaction.atomic():
        QuestionTag.objects.filter(quiz_key=quiz.translation_key).delete()
        QuestionTag.objects.bulk_create(rows)
    return len(rows)
