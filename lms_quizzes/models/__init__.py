# The quiz page imports the modules that build its context (quiz_page, rules), which
# import the attempt models by their own module, never this package or the pages.
from .attempts import Answer, Attempt, QuizOverride, QuizResult
from .pages import QuestionTag, QuizPage

__all__ = [
    "Answer",
    "Attempt",
    "QuestionTag",
    "QuizOverride",
    "QuizPage",
    "QuizResult",
]
