"""Parse Moodle GIFT question files into plain Python objects for importing quizzes.

What the parser says about a file (skipped questions, syntax errors) is for the
trainer, in the active language.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from .numbers import MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS, within_bounds

FULL_CREDIT = Decimal(100)


@dataclass
class GiftChoice:
    text: str
    correct: bool
    feedback: str = ""


class GiftAccepted(NamedTuple):
    """An accepted short answer and its credit in percent ("=%50%Baki": 50)."""

    text: str
    credit: Decimal = FULL_CREDIT


class GiftNumber(NamedTuple):
    """A numeric answer: right within ``tolerance`` of ``value``, for ``credit``%."""

    value: Decimal
    tolerance: Decimal = Decimal(0)
    credit: Decimal = FULL_CREDIT


@dataclass
class GiftQuestion:
    """One importable question; only the answer fields of its ``kind`` are filled.

    ``kind`` is "single_choice" or "multiple_choice" (``choices``), "true_false"
    (``correct_answer``), "short_answer" (``accepted_answers``) or "numeric"
    (``numeric_answers``). ``text_format`` is "plain", "markdown" or "html", from the
    ``[markdown]`` or ``[html]`` before the text; it applies to the feedback too.
    """

    kind: str
    text: str
    line: int
    title: str = ""
    text_format: str = "plain"
    category: str = ""
    general_feedback: str = ""
    choices: list[GiftChoice] = field(default_factory=list)
    correct_answer: bool | None = None
    # GIFT order: {T#shown when answered wrong#shown when answered right}.
    true_false_feedback: tuple[str, str] = ("", "")
    accepted_answers: list[GiftAccepted] = field(default_factory=list)
    numeric_answers: list[GiftNumber] = field(default_factory=list)


@dataclass
class GiftSkipped:
    line: int
    title: str
    reason: str


@dataclass
class GiftResult:
    questions: list[GiftQuestion]
    skipped: list[GiftSkipped]


class GiftSyntaxError(ValueError):
    """The file's structure is broken, so no question in it can be trusted."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(
            _("line %(line)d: %(message)s") % {"line": line, "message": message}
        )
        self.message = message
        self.line = line


def parse_gift(text: str) -> GiftResult:
    """Parse a whole GIFT file.

    Questions of a kind we cannot import are returned in ``skipped`` with a reason,
    so the importer can tell the trainer what was left out.
    """
    # PostgreSQL refuses NUL in text; nothing in a question bank means one.
    blocks = _split_blocks(text.replace("\x00", ""))
    if not blocks:
        raise GiftSyntaxError(_("no questions found"), 1)
    questions: list[GiftQuestion] = []
    skipped: list[GiftSkipped] = []
    for block in blocks:
        for parsed in _parse_block(block):
            if isinstance(parsed, GiftSkipped):
                skipped.append(parsed)
            else:
                questions.append(parsed)
    return GiftResult(questions=questions, skipped=skipped)


# Escaped characters are swapped for Unicode noncharacters (reserved by the standard
# for internal use, so they never occur in real text) while parsing: plain string
# methods then cannot mistake them for syntax. They are swapped back in the output.
_HIDDEN = {
    "=": "\ufdd0",
    "~": "\ufdd1",
    "#": "\ufdd2",
    "{": "\ufdd3",
    "}": "\ufdd4",
    ":": "\ufdd5",
    "\\": "\ufdd6",
    "n": "\ufdd7",
}
_REVEALED = {
    ord(hidden): "\n" if char == "n" else char for char, hidden in _HIDDEN.items()
}
# One left-to-right pass, so "\\n" is a backslash followed by "n", not a newline.
_ESCAPE = re.compile(r"\\([=~#{}:\\n])")
_FORMAT_PREFIX = re.compile(r"\A\[(html|moodle|plain|markdown)\]")
# Moodle's own "moodle" format is text with optional HTML; like "plain", we escape it.
_TEXT_FORMATS = {"html": "html", "markdown": "markdown"}
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CATEGORY = "$CATEGORY:"
_BLANK = "_____"


class _Unsupported(Exception):
    """A question that is well-formed GIFT but that we do not import."""


@dataclass
class _Block:
    """The lines of one question, escapes hidden, comments and categories removed."""

    lines: list[tuple[int, str]]
    category: str

    @property
    def text(self) -> str:
        return "\n".join(line for _number, line in self.lines)

    def line_at(self, position: int) -> int:
        return self.lines[self.text.count("\n", 0, position)][0]


@dataclass
class _Answer:
    marker: str
    weight: Decimal | None
    text: str
    feedback: str


def _split_blocks(text: str) -> list[_Block]:
    text = text.removeprefix("\ufeff")
    # Not str.splitlines(): it also breaks on form feeds and U+2028, which would put
    # our line numbers out of step with the trainer's editor.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[_Block] = []
    current: list[tuple[int, str]] = []
    category = ""
    block_category = ""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            if current:
                blocks.append(_Block(current, block_category))
                current = []
        elif stripped.startswith("//"):
            continue
        elif stripped.startswith(_CATEGORY):
            category = stripped.removeprefix(_CATEGORY).strip()
        else:
            if not current:
                block_category = category
            current.append((number, _ESCAPE.sub(_hide, line)))
    if current:
        blocks.append(_Block(current, block_category))
    return blocks


def _hide(match: re.Match[str]) -> str:
    return _HIDDEN[match.group(1)]


def _reveal(text: str) -> str:
    return text.strip().translate(_REVEALED)


def _parse_block(block: _Block) -> list[GiftQuestion | GiftSkipped]:
    line = block.lines[0][0]
    title, start = _read_title(block)
    # Brace errors are checked before anything is skipped: a stray brace means the
    # file is not what its author thinks it is.
    answer_blocks = _find_answer_blocks(block, start)
    run_together = _questions_run_together(block, answer_blocks)
    if len(run_together) > 1:
        return _skip_run_together(run_together)
    try:
        question = _build_question(block, start, answer_blocks)
    except _Unsupported as problem:
        return [GiftSkipped(line=line, title=title, reason=str(problem))]
    question.title = title
    return [question]


def _read_title(block: _Block) -> tuple[str, int]:
    """The question's ``::title::`` and where its text starts."""
    text = block.text
    if not text.lstrip().startswith("::"):
        return "", 0
    opening = text.index("::")
    closing = text.find("::", opening + 2)
    if closing == -1:
        raise GiftSyntaxError(_("the title has no closing '::'"), block.lines[0][0])
    return _reveal(text[opening + 2 : closing]), closing + 2


def _questions_run_together(
    block: _Block, answer_blocks: list[tuple[int, int]]
) -> list[_Block]:
    """The questions of a block that lacks the blank lines between them.

    A line that ends with an answer block and is followed by more lines ends a
    question: GIFT wants a blank line there, so what follows is another one.
    """
    text = block.text
    pieces = []
    first = 0
    for _opening, closing in answer_blocks[:-1]:
        end_of_line = text.find("\n", closing)
        if end_of_line == -1 or text[closing + 1 : end_of_line].strip():
            continue
        split = text.count("\n", 0, end_of_line) + 1
        pieces.append(_Block(block.lines[first:split], block.category))
        first = split
    if not pieces:
        return [block]
    return pieces + [_Block(block.lines[first:], block.category)]


def _skip_run_together(pieces: list[_Block]) -> list[GiftSkipped]:
    named = []
    for piece in pieces:
        line = piece.lines[0][0]
        try:
            title = _read_title(piece)[0]
        except GiftSyntaxError:
            title = ""
        named.append((line, title))
    where = ", ".join(
        _("line %(line)d (%(title)s)") % {"line": line, "title": title}
        if title
        else _("line %(line)d") % {"line": line}
        for line, title in named
    )
    reason = _(
        "no blank line between the questions at %(lines)s: GIFT needs one "
        "between questions, so none of them is imported"
    ) % {"lines": where}
    return [GiftSkipped(line=line, title=title, reason=reason) for line, title in named]


def _find_answer_blocks(block: _Block, start: int) -> list[tuple[int, int]]:
    text = block.text
    found = []
    opening = None
    for position in range(start, len(text)):
        char = text[position]
        if char == "{":
            if opening is not None:
                raise GiftSyntaxError(
                    _("'{' inside an answer block; write \\{ for a literal brace"),
                    block.line_at(position),
                )
            opening = position
        elif char == "}":
            if opening is None:
                raise GiftSyntaxError(
                    _("'}' without an opening '{'; write \\} for a literal brace"),
                    block.line_at(position),
                )
            found.append((opening, position))
            opening = None
    if opening is not None:
        raise GiftSyntaxError(_("'{' is never closed"), block.line_at(opening))
    return found


def _build_question(
    block: _Block, start: int, answer_blocks: list[tuple[int, int]]
) -> GiftQuestion:
    if not answer_blocks:
        raise _Unsupported(
            _("description items (text without an answer block) are not supported")
        )
    if len(answer_blocks) > 1:
        raise _Unsupported(
            _("questions with more than one answer block are not supported")
        )
    text = block.text
    opening, closing = answer_blocks[0]
    before = text[start:opening].lstrip()
    prefix = _FORMAT_PREFIX.match(before)
    text_format = _TEXT_FORMATS.get(prefix[1], "plain") if prefix else "plain"
    if prefix:
        before = before[prefix.end() :]
    after = text[closing + 1 :]
    # As in Moodle: text after the answers makes it a "missing word" question.
    question_text = before + _BLANK + after if after.strip() else before
    question = GiftQuestion(
        kind="",
        text=_reveal(question_text),
        line=block.lines[0][0],
        text_format=text_format,
        category=block.category,
    )
    _read_answers(question, text[opening + 1 : closing])
    if not question.text:
        raise _Unsupported(_("the question has no text"))
    return question


def _read_answers(question: GiftQuestion, answers: str) -> None:
    # The last "####", as in Moodle, so a file imports here as it does there.
    if "####" in answers:
        answers, _sep, general_feedback = answers.rpartition("####")
        question.general_feedback = _reveal(general_feedback)
    answers = answers.strip()
    # Moodle's order of checks, for the same reason: "{=a -> b ~c}" is a choice.
    if not answers:
        raise _Unsupported(_("essay questions (empty answer block) are not supported"))
    if answers.startswith("#"):
        _read_numeric(question, answers[1:])
    elif "~" in answers:
        _read_choices(question, answers)
    elif "=" in answers and "->" in answers:
        raise _Unsupported(_("matching questions are not supported"))
    elif answers.partition("#")[0].strip().upper() in _TRUE_FALSE:
        _read_true_false(question, answers)
    elif answers.startswith("="):
        _read_short_answer(question, answers)
    else:
        raise _Unsupported(
            _(
                "the answer block {%(answers)s} is not a recognised question type; "
                "answers must start with '=' or '~'"
            )
            % {"answers": _reveal(answers)}
        )


def _read_true_false(question: GiftQuestion, answers: str) -> None:
    # Accepts {t} and {true} as well: Moodle would quietly turn them into a short
    # answer question, which is never what the author meant.
    value, _sep, feedback = answers.partition("#")
    wrong, _sep, right = feedback.partition("#")
    question.kind = "true_false"
    question.correct_answer = _TRUE_FALSE[value.strip().upper()]
    question.true_false_feedback = (_reveal(wrong), _reveal(right))


def _read_choices(question: GiftQuestion, answers: str) -> None:
    parsed = _split_answers(answers)
    right = [answer for answer in parsed if answer.marker == "="]
    if len(right) > 1:
        raise _Unsupported(
            _(
                "choice questions with more than one '=' answer are not supported; "
                "mark several correct choices with weights such as %(weight)s instead"
            )
            % {"weight": "~%50%"}
        )
    if right:
        # A single-choice question has one right answer. A "~%50%" partial-credit
        # choice in it counts as wrong: GiftChoice.correct is yes or no.
        question.kind = "single_choice"
        correct = [answer.marker == "=" for answer in parsed]
    else:
        question.kind = "multiple_choice"
        correct = [_has_positive_weight(answer) for answer in parsed]
        if not any(correct):
            raise _Unsupported(_("none of the choices has a positive weight"))
    question.choices = [
        GiftChoice(text=answer.text, correct=is_correct, feedback=answer.feedback)
        for answer, is_correct in zip(parsed, correct, strict=True)
    ]


def _read_short_answer(question: GiftQuestion, answers: str) -> None:
    parsed = _split_answers(answers)
    # "=%50%Baki" earns half the points, as in Moodle. 0% or negative weights, which
    # Moodle uses to attach feedback to a known wrong answer, are left out.
    question.kind = "short_answer"
    question.accepted_answers = [
        GiftAccepted(answer.text, _credit(answer.weight))
        for answer in parsed
        if answer.weight is None or answer.weight > 0
    ]
    if not question.accepted_answers:
        raise _Unsupported(_("none of the short answers has a positive weight"))


def _split_answers(answers: str) -> list[_Answer]:
    pieces = re.split(r"([=~])", answers)
    if pieces[0].strip():
        raise _Unsupported(
            _("unexpected text %(text)r before the first answer")
            % {"text": _reveal(pieces[0])}
        )
    parsed = []
    for marker, body in zip(pieces[1::2], pieces[2::2], strict=True):
        weight, body = _split_weight(body)
        text, _sep, feedback = body.partition("#")
        answer = _Answer(marker, weight, _reveal(text), _reveal(feedback))
        if not answer.text:
            raise _Unsupported(
                _("an answer after '%(marker)s' is empty") % {"marker": marker}
            )
        parsed.append(answer)
    return parsed


def _split_weight(body: str) -> tuple[Decimal | None, str]:
    match = _WEIGHT.match(body)
    if match is None:
        return None, body
    return Decimal(match.group(1)), body[match.end() :]


def _credit(weight: Decimal | None) -> Decimal:
    return FULL_CREDIT if weight is None else min(weight, FULL_CREDIT)


def _has_positive_weight(answer: _Answer) -> bool:
    return answer.weight is not None and answer.weight > 0


def _read_numeric(question: GiftQuestion, answers: str) -> None:
    # After "~" comes only feedback for any other number, which has no place here.
    answers = answers.partition("~")[0]
    question.kind = "numeric"
    for body in answers.split("="):
        if not body.strip():
            continue
        weight, body = _split_weight(body)
        # A 0% answer only carries feedback for one specific wrong number.
        if weight is not None and weight <= 0:
            continue
        value, tolerance = _read_number_spec(body.partition("#")[0])
        question.numeric_answers.append(GiftNumber(value, tolerance, _credit(weight)))
    if not question.numeric_answers:
        raise _Unsupported(_("the numeric question has no answer"))


def _read_number_spec(spec: str) -> tuple[Decimal, Decimal]:
    """Return (value, tolerance) for "5", "1.5:0.1" or the range "1..2"."""
    if ".." in spec:
        low_text, high_text = spec.split("..", 1)
        low, high = _read_number(low_text), _read_number(high_text)
        if low > high:
            raise _Unsupported(
                _("the numeric range %(range)s has its minimum above its maximum")
                % {"range": _reveal(spec)}
            )
        return (low + high) / 2, (high - low) / 2
    if ":" in spec:
        value_text, tolerance_text = spec.split(":", 1)
        value, tolerance = _read_number(value_text), _read_number(tolerance_text)
        if tolerance < 0:
            raise _Unsupported(
                _("the numeric tolerance in %(answer)s is negative")
                % {"answer": _reveal(spec)}
            )
        return value, tolerance
    return _read_number(spec), Decimal(0)


def _read_number(text: str) -> Decimal:
    text = _reveal(text)
    # Stricter than Decimal(), which would also take "NaN", "Infinity" and "1_000".
    if not _NUMBER.fullmatch(text):
        raise _Unsupported(_("%(text)r is not a number") % {"text": text})
    number = Decimal(text)
    if not within_bounds(number):
        raise _Unsupported(
            _(
                "the number %(number)s is out of range: numbers may have at most "
                "%(digits)d digits before the decimal point and %(places)d after it"
            )
            % {
                "number": text,
                "digits": MAX_INTEGER_DIGITS,
                "places": MAX_DECIMAL_PLACES,
            }
        )
    return number
