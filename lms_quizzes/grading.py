"""Grading answers on the server: checking what a learner sent, and scoring it.

Functions take a question (a StreamField child: ``.id``, ``.block.kind``, ``.value``)
and a response as stored on an ``Answer``:

=================  ============================================
single choice      the id of the chosen choice
multiple choice    the ids of the ticked choices, sorted
true / false       ``true`` or ``false``
short answer       the text typed, at most 200 characters
numeric            the number typed, as a string
=================  ============================================

Short answer and numeric questions list answers with a credit in percent, as Moodle
does: a response earns the highest credit among the answers it matches.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from .numbers import MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS, within_bounds

TEXT_LIMIT = 200
ZERO, ONE = Decimal(0), Decimal(1)
HUNDRED = Decimal(100)


class InvalidAnswer(ValueError):
    """An answer the question cannot take; the message says why, to the learner."""


def choice_ids(question) -> list[str]:
    return [choice.id for choice in question.value["choices"].bound_blocks]


def clean_response(question, raw):
    """The response to store for ``raw`` (from a form or JSON), None when blank."""
    kind = question.block.kind
    if raw in (None, "", []):
        return None
    if kind == "single_choice":
        if not isinstance(raw, str) or raw not in choice_ids(question):
            raise InvalidAnswer(_("That choice is not one of this question's."))
        return raw
    if kind == "multiple_choice":
        chosen = [raw] if isinstance(raw, str) else raw
        if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
            raise InvalidAnswer(_("Choose among this question's choices."))
        if not set(chosen) <= set(choice_ids(question)):
            raise InvalidAnswer(_("That choice is not one of this question's."))
        return sorted(set(chosen))
    if kind == "true_false":
        if raw in (True, "true", "True"):
            return True
        if raw in (False, "false", "False"):
            return False
        raise InvalidAnswer(_("Answer “true” or “false”."))
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise InvalidAnswer(_("Type your answer as text."))
    # PostgreSQL refuses NUL in text and JSON; a pasted one means nothing anyway.
    text = " ".join(str(raw).replace("\x00", "").split())
    if len(text) > TEXT_LIMIT:
        raise InvalidAnswer(
            _("Answers are at most %(limit)d characters.") % {"limit": TEXT_LIMIT}
        )
    if kind == "numeric":
        number = _decimal(text)
        if number is None or not number.is_finite():
            raise InvalidAnswer(_("Type a number, like 12 or 3.5."))
        if not within_bounds(number):
            raise InvalidAnswer(
                _(
                    "Type a number with at most %(digits)d digits before the "
                    "decimal point and %(places)d after it."
                )
                % {"digits": MAX_INTEGER_DIGITS, "places": MAX_DECIMAL_PLACES}
            )
        return str(number)
    return text


def grade(question, response) -> Decimal:
    """The share of the question's points a response earns, from 0 to 1."""
    if response is None:
        return ZERO
    kind = question.block.kind
    value = question.value
    if kind == "single_choice":
        return ONE if response in _correct_ids(question) else ZERO
    if kind == "multiple_choice":
        right = _correct_ids(question)
        chosen = set(response)
        share = Decimal(len(chosen & right) - len(chosen - right)) / len(right)
        return max(ZERO, min(ONE, share)).quantize(Decimal("0.0001"))
    if kind == "true_false":
        return ONE if response == bool(value["correct_answer"]) else ZERO
    if kind == "short_answer":
        typed = _comparable(str(response), value["case_sensitive"])
        return _best_credit(
            accepted["credit"]
            for accepted in value["accepted_answers"]
            if _comparable(accepted["answer"], value["case_sensitive"]) == typed
        )
    if kind == "numeric":
        number = _number(str(response))
        if number is None:
            return ZERO
        return _best_credit(
            answer["credit"]
            for answer in value["answers"]
            if within_bounds(answer["value"])
            and within_bounds(answer["tolerance"])
            and abs(number - answer["value"]) <= answer["tolerance"]
        )
    raise ValueError(f"unknown question kind {kind!r}")


def feedback_for(question, response) -> list[str]:
    """What the learner is told after grading: per-choice, then general feedback."""
    kind = question.block.kind
    value = question.value
    notes = []
    if kind in ("single_choice", "multiple_choice") and response is not None:
        chosen = {response} if kind == "single_choice" else set(response)
        notes += [
            choice.value["feedback"]
            for choice in value["choices"].bound_blocks
            if choice.id in chosen and choice.value["feedback"]
        ]
    if kind == "true_false" and response is not None:
        right = response == bool(value["correct_answer"])
        note = value["feedback_right"] if right else value["feedback_wrong"]
        if note:
            notes.append(note)
    if value["general_feedback"]:
        notes.append(value["general_feedback"])
    return notes


def correct_answer_text(question) -> str:
    """The right answer in words, for when the quiz shows correct answers."""
    kind = question.block.kind
    value = question.value
    if kind in ("single_choice", "multiple_choice"):
        return "; ".join(c["text"] for c in value["choices"] if c["correct"])
    if kind == "true_false":
        return str(_("True") if value["correct_answer"] else _("False"))
    if kind == "short_answer":
        return "; ".join(
            _with_credit(a["answer"], a["credit"]) for a in value["accepted_answers"]
        )
    return "; ".join(
        _with_credit(
            f"{a['value']} ± {a['tolerance']}" if a["tolerance"] else str(a["value"]),
            a["credit"],
        )
        for a in value["answers"]
    )


def _correct_ids(question) -> set[str]:
    return {c.id for c in question.value["choices"].bound_blocks if c.value["correct"]}


def _comparable(text: str, case_sensitive: bool) -> str:
    text = " ".join(text.split())
    return text if case_sensitive else text.casefold()


def _best_credit(credits) -> Decimal:
    best = max((Decimal(credit) for credit in credits), default=ZERO)
    return max(ZERO, min(ONE, best / HUNDRED)).quantize(Decimal("0.0001"))


def _with_credit(answer: str, credit) -> str:
    if credit is None or Decimal(credit) >= HUNDRED:
        return answer
    return f"{answer} ({Decimal(credit).normalize():f}%)"


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return None


def _number(text: str) -> Decimal | None:
    """A response as a number grading can use; None when it is not one."""
    number = _decimal(text)
    return number if number is not None and within_bounds(number) else None
