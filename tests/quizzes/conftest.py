import pytest
from django.utils import translation
from wagtail.models import Locale

from tests.conftest import enrol
from tests.factories import QuizPageFactory, true_false_question


@pytest.fixture
def quiz(school):
    """A quiz at the end of the first module of the School's course."""
    return QuizPageFactory(parent=school["modules"][0], title="Check: borders")


@pytest.fixture
def english_quiz(school, quiz):
    """The quiz's English translation, published, with one question of its own that
    a trainer added there: the original (Azerbaijani) has 5, the translation 6."""
    english = Locale.objects.get(language_code="en")
    for page in [school["home"], school["catalogue"], school["course"]]:
        page.copy_for_translation(english).save_revision().publish()
    school["modules"][0].copy_for_translation(english).save_revision().publish()
    translation = quiz.copy_for_translation(english)
    translation.questions = list(translation.questions.raw_data) + [
        true_false_question("q-only-in-english", "Added in English.", True)
    ]
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def enrolment(school, student):
    return enrol(student, school["course"])


@pytest.fixture
def in_english():
    """What the quiz code says to people, in English, for tests that read it."""
    with translation.override("en"):
        yield


RIGHT = {
    "q-single": "q-single-c1",
    "q-multi": ["q-multi-c0", "q-multi-c2"],
    "q-tf": False,
    "q-short": " baku ",
    "q-num": "23",
}
