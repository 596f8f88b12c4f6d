"""Factories for every page type and the people who use them."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import HomePage
from lms_courses.models import (
    SDG,
    CourseIndexPage,
    CoursePage,
    GCMObjective,
    LessonPage,
    ModulePage,
)
from lms_quizzes import importing as quiz_data
from lms_quizzes.models import QuizPage
from lms_volunteers.models import DepartmentPage, ProjectPage, VolunteersIndexPage


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"learner{n}@school.example")
    first_name = "Leyla"
    last_name = factory.Sequence(lambda n: f"Learner {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse 42")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.add(*Group.objects.filter(name__in=names))
        if create:
            self.save()


class PageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    locale = factory.LazyFunction(Locale.get_default)


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Migration School"
    slug = factory.Sequence(lambda n: f"home-{n}")


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "What the course covers."


class ModulePageFactory(PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")


class LessonPageFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph_block", "value": "<p>The lesson text.</p>"}]
    )


def choice_question(qid, text, choices, right, *, multiple=False, points=1):
    """Raw StreamField data of a choice question; ``right`` lists the right indexes.

    Choice ids are ``<qid>-c<index>``, so tests can name the choices they pick.
    """
    return quiz_data.choice_question(
        qid,
        text,
        choices,
        right,
        multiple=multiple,
        points=points,
        general_feedback=f"Why: {text}",
        choice_feedback="Feedback on {choice}",
    )


def true_false_question(qid, text, answer: bool, points=1):
    return {
        "type": "true_false_block",
        "id": qid,
        "value": {
            "text": text,
            "points": str(points),
            "general_feedback": "",
            "correct_answer": answer,
            "feedback_right": "Well done",
            "feedback_wrong": "Read the lesson again",
        },
    }


def short_answer_question(qid, text, accepted, case_sensitive=False, points=1):
    """``accepted`` lists answers: a string is full credit, (answer, percent) less."""
    answers = [a if isinstance(a, tuple) else (a, 100) for a in accepted]
    return {
        "type": "short_answer_block",
        "id": qid,
        "value": {
            "text": text,
            "points": str(points),
            "general_feedback": "",
            "accepted_answers": [
                {
                    "type": "item",
                    "id": f"{qid}-a{i}",
                    "value": {"answer": answer, "credit": str(credit)},
                }
                for i, (answer, credit) in enumerate(answers)
            ],
            "case_sensitive": case_sensitive,
        },
    }


def numeric_question(qid, text, value, tolerance, points=1, *, partial=()):
    """A full-credit answer, and ``partial`` ones as (value, tolerance, percent)."""
    answers = [(value, tolerance, 100), *partial]
    return {
        "type": "numeric_block",
        "id": qid,
        "value": {
            "text": text,
            "points": str(points),
            "general_feedback": "",
            "answers": [
                {
                    "type": "item",
                    "id": f"{qid}-n{i}",
                    "value": {
                        "value": str(number),
                        "tolerance": str(margin),
                        "credit": str(credit),
                    },
                }
                for i, (number, margin, credit) in enumerate(answers)
            ],
        },
    }


def quiz_questions():
    """One question of each kind: 5 questions, 1 point each."""
    return [
        choice_question(
            "q-single", "Which year was the GCM adopted?", ["2016", "2018"], [1]
        ),
        choice_question(
            "q-multi",
            "Which are GCM guiding principles?",
            ["People-centred", "Profit-driven", "Gender-responsive"],
            [0, 2],
            multiple=True,
        ),
        true_false_question("q-tf", "The GCM is legally binding.", False),
        short_answer_question("q-short", "Capital of Azerbaijan?", ["Baku", "Bakı"]),
        numeric_question("q-num", "How many GCM objectives are there?", 23, 0),
    ]


class QuizPageFactory(PageFactory):
    class Meta:
        model = QuizPage

    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 60
    attempts_allowed = 2
    questions = factory.LazyFunction(quiz_questions)


class VolunteersIndexPageFactory(PageFactory):
    class Meta:
        model = VolunteersIndexPage

    title = "Migration Volunteers"
    slug = "volunteers"
    intro = "<p>Young volunteers who help migrants with their documents.</p>"
    founded = 2019


class DepartmentPageFactory(PageFactory):
    class Meta:
        model = DepartmentPage

    title = factory.Sequence(lambda n: f"Department {n}")
    summary = "What the department does."


class ProjectPageFactory(PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Project {n}")
    goal = "Help migrants fill in their residence permit applications."
    funder = "IOM"
    starts_on = datetime.date(2024, 3, 1)
    ends_on = datetime.date(2024, 12, 31)


def tag(page, gcm=(), sdg=(), topics=()):
    """Tag a page with GCM objectives and SDGs (by number) and topics, and save it."""
    page.gcm_objectives.add(*GCMObjective.objects.filter(number__in=gcm))
    page.sdgs.add(*SDG.objects.filter(number__in=sdg))
    page.topics.add(*topics)
    page.save()
    return page


def admin_in_english(*users):
    """Show these users the Wagtail admin in English (a per-user setting there)."""
    for user in users:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
