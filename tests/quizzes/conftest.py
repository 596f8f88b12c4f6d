import pytest

from tests.conftest import enrol
from tests.factories import QuizPageFactory


@pytest.fixture
def quiz(school):
    """A quiz at the end of the first module of the School's course."""
    return QuizPageFactory(parent=school["modules"][0], title="Check: borders")


@pytest.fixture
def enrolment(school, student):
    return enrol(student, school["course"])


RIGHT = {
    "q-single": "q-single-c1",
    "q-multi": ["q-multi-c0", "q-multi-c2"],
    "q-tf": False,
    "q-short": " baku ",
    "q-num": "23",
}
