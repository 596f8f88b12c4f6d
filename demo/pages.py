"""Demo pages from ``T`` specs: built through the page tree, translated with
wagtail-localize.

The School (``school``) and the union (``volunteers``) both build their pages here.
"""

import uuid

from django.utils.html import escape
from wagtail.models import Page
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.strings import StringValue

from demo import content as demo
from lms_courses.models import SDG, CoursePage, GCMObjective, SDGTarget
from lms_quizzes.models import QuizPage

SOURCE_LANGUAGE = "az"


def publish(parent: Page, page: Page) -> Page:
    """Add ``page`` under ``parent`` and publish its first revision."""
    parent.add_child(instance=page)
    page.save_revision(user=page.owner).publish()
    return page


def translate(pages, locale, strings: dict[str, str], user) -> int:
    """Translate ``pages`` (parents first) into ``locale`` through wagtail-localize.

    Each source segment is looked up in ``strings`` (source text → translation); the
    count of segments that found no translation is returned.
    """
    creator = TranslationCreator(user, [locale])
    for page in pages:
        creator.create_translations(page)
    missing = 0
    for translations in creator.mappings.values():
        for translation in translations:
            catalogue = translation.export_po()
            for entry in catalogue:
                source_text = StringValue(entry.msgid).render_text()
                if entry.msgctxt == "slug":
                    entry.msgstr = entry.msgid  # one address in every language
                elif source_text in strings:
                    entry.msgstr = StringValue.from_plaintext(strings[source_text]).data
                else:
                    missing += 1
            translation.import_po(catalogue, user=user)
            translation.save_target(user=user, publish=True)
    return missing


def demo_course() -> CoursePage:
    """The demo course in the source language."""
    return CoursePage.objects.get(
        slug=demo.COURSE["slug"], locale__language_code=SOURCE_LANGUAGE
    )


def text(value: demo.T, language: str = SOURCE_LANGUAGE) -> str:
    return value.get(language)


def rich_text(items: list[demo.T], language: str = SOURCE_LANGUAGE) -> str:
    return "".join(f"<p>{escape(item.get(language))}</p>" for item in items)


def tagged(page, spec: dict):
    """``page`` with the GCM objectives, SDGs, targets and topics ``spec`` names."""
    page.gcm_objectives.add(
        *GCMObjective.objects.filter(number__in=spec.get("gcm", []))
    )
    page.sdgs.add(*SDG.objects.filter(number__in=spec.get("sdg", [])))
    page.sdg_targets.set(SDGTarget.objects.filter(code__in=spec.get("sdg_targets", [])))
    page.topics.add(*spec.get("topics", []))
    return page


def stream(blocks: list, media: dict, language: str = SOURCE_LANGUAGE) -> list[dict]:
    """The raw StreamField data of a lesson, in one language."""
    return [
        {"type": block_type, "value": _block_value(block_type, value, media, language)}
        for block_type, value in blocks
    ]


def quiz_page(owner, locale, spec: dict) -> QuizPage:
    """A demo quiz, not yet in the tree."""
    return QuizPage(
        title=text(spec["title"]),
        slug=spec["slug"],
        summary=text(spec["summary"]),
        questions=[quiz_question(question) for question in spec["questions"]],
        pass_mark=60,
        attempts_allowed=3,
        owner=owner,
        locale=locale,
    )


def quiz_question(spec: dict) -> dict:
    """The raw StreamField data of a demo question, in the source language."""
    value = {"text": text(spec["text"]), "points": "1", "general_feedback": ""}
    # The question's own objectives and targets; without them, the quiz's count.
    if "gcm" in spec:
        value["gcm_objectives"] = [str(number) for number in spec["gcm"]]
    if "sdg_targets" in spec:
        value["sdg_targets"] = spec["sdg_targets"]
    kind = spec["kind"]
    if kind in ("single_choice", "multiple_choice"):
        value["choices"] = [
            _item({"text": text(t), "correct": ok, "feedback": ""})
            for t, ok in spec["choices"]
        ]
    elif kind == "true_false":
        value |= {
            "correct_answer": spec["answer"],
            "feedback_right": "",
            "feedback_wrong": "",
        }
    elif kind == "numeric":
        value["answers"] = [
            _item({"value": str(spec["answer"]), "tolerance": "0", "credit": "100"})
        ]
    else:
        value |= {
            "accepted_answers": [
                _item({"answer": text(t), "credit": "100"}) for t in spec["accepted"]
            ],
            "case_sensitive": False,
        }
    return {"type": f"{kind}_block", "id": str(uuid.uuid4()), "value": value}


def _item(value) -> dict:
    """A ListBlock item with its id: answers and choices are known by it."""
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def _block_value(block_type: str, value, media: dict, language: str):
    if block_type == "paragraph_block":
        return rich_text(value, language)
    if block_type == "image_block":
        return {
            "image": {
                "image": media[value["image"]].pk,
                "alt_text": text(value["alt"], language),
                "decorative": False,
            },
            "caption": text(value["caption"], language),
            "attribution": text(value["attribution"], language),
        }
    if block_type == "document_block":
        return {
            "document": media[value["document"]].pk,
            "title": text(value["title"], language),
            "description": text(value["description"], language),
        }
    if block_type == "quick_check_block":
        return {
            "question": text(value["question"], language),
            "choices": [
                {"text": text(choice, language), "is_correct": correct}
                for choice, correct in value["choices"]
            ],
            "explanation": rich_text(value["explanation"], language),
        }
    raw = {}
    for key, item in value.items():
        if isinstance(item, demo.T):
            raw[key] = text(item, language)
        elif isinstance(item, list) and item and isinstance(item[0], demo.T):
            # Rich text paragraphs, or a ListBlock of plain strings (questions).
            raw[key] = (
                [text(entry, language) for entry in item]
                if key == "questions"
                else rich_text(item, language)
            )
        else:
            raw[key] = item
    return raw
