"""A lesson's "check your understanding" question reads in the lesson's language."""

import pytest
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.strings import StringValue

from tests.conftest import enrol
from tests.factories import LessonPageFactory, UserFactory

pytestmark = pytest.mark.django_db

RUSSIAN = {
    "Qlobal Saziş məcburidirmi?": "Обязателен ли Глобальный договор?",
    "Bəli": "Да",
    "Xeyr": "Нет",
    "Məcburi deyil.": "Не обязателен.",
}


def self_check():
    return {
        "type": "quick_check_block",
        "value": {
            "question": "Qlobal Saziş məcburidirmi?",
            "choices": [
                {"text": "Bəli", "is_correct": False},
                {"text": "Xeyr", "is_correct": True},
            ],
            "explanation": "<p>Məcburi deyil.</p>",
        },
    }


def translate_into_russian(pages, user):
    """Translate ``pages`` (parents first) with wagtail-localize, as trainers do."""
    creator = TranslationCreator(user, [Locale.objects.get(language_code="ru")])
    for page in pages:
        creator.create_translations(page)
    for translations in creator.mappings.values():
        for translation in translations:
            catalogue = translation.export_po()
            for entry in catalogue:
                source = StringValue(entry.msgid).render_text()
                entry.msgstr = (
                    StringValue.from_plaintext(RUSSIAN[source]).data
                    if source in RUSSIAN
                    else entry.msgid
                )
            translation.import_po(catalogue, user=user)
            translation.save_target(user=user, publish=True)


def test_a_lesson_translated_into_russian_shows_its_russian_choices(
    client, school, django_capture_on_commit_callbacks
):
    trainer = UserFactory()
    module = school["modules"][0]
    lesson = LessonPageFactory(parent=module, title="Saziş", body=[self_check()])
    with django_capture_on_commit_callbacks(execute=True):
        translate_into_russian(
            [school["home"], school["catalogue"], school["course"], module, lesson],
            trainer,
        )
    russian = lesson.get_translation(Locale.objects.get(language_code="ru"))
    learner = UserFactory()
    enrol(learner, school["course"])
    client.force_login(learner)

    page = client.get(russian.url).content.decode()

    assert "Обязателен ли Глобальный договор?" in page
    assert "<li>Да</li>" in page and "<li>Нет</li>" in page
    assert "Bəli" not in page and "Xeyr" not in page
