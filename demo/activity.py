"""Six months of a cohort at work, for the demo: lessons, quiz attempts and classes.

Plain functions over a seeded ``random.Random``, so every run of ``load_demo`` tells
the same story: most learners keep pace with the programme, a few race ahead, a few
fall behind with weak quiz scores, and a few stop coming after a while. Days are
counted from the cohort's first day; nothing is dated after yesterday.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from django.utils import timezone

from lms_courses.models import Enrolment, LessonCompletion
from lms_live.models import Attendance, LiveSession
from lms_quizzes import grading
from lms_quizzes.models import Answer, Attempt, QuizPage, QuizResult

SEED = 2018
RIGHT, PARTIAL, WRONG = "right", "partial", "wrong"
# What learners type when they don't know the acronym.
WRONG_ACRONYMS = ["UNHCR", "ILO", "UNDP", "OSCE"]
CLASS_MINUTES = 90


@dataclass(frozen=True)
class Step:
    """A lesson or a quiz of the outline, on the day the programme plans it."""

    key: UUID
    day: int
    quiz: QuizPage | None = None
    # The final module opens in the School's last fortnight: only early finishers
    # have done it.
    final: bool = False
    # How much harder than the learner's skill each question is, by question id.
    difficulty: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    """How one learner works: their pace, their skill and when they stop coming."""

    kind: str  # "fast", "steady", "lagging", "dropped" or "finisher"
    pace: float  # 1: on schedule; 0.8: a fifth faster
    lag: int  # days behind the schedule
    skill: float  # the chance of answering a question right
    turnout: float  # the chance of coming to a class
    stops_on_day: int | None = None  # a drop-out's last day
    recent_visit: int | None = None  # days before the last day they last looked in


@dataclass
class Learning:
    """What one learner did, as unsaved rows (attempts carry their answers)."""

    completions: list[tuple[UUID, datetime.datetime]] = field(default_factory=list)
    attempts: list[tuple[Attempt, list[Answer]]] = field(default_factory=list)
    last_activity: datetime.datetime | None = None


# The graduate: done with everything two months before the end, with high scores,
# and still looking in.
FINISHER = Profile(
    "finisher", pace=0.65, lag=0, skill=0.97, turnout=0.95, recent_visit=4
)


def day_zero(cohort) -> datetime.datetime:
    """Midnight of the cohort's first day, in the site's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(cohort.starts_on, datetime.time.min)
    )


def last_day(cohort, today: datetime.date | None = None) -> int:
    """The cohort's last day with activity: yesterday, or its end if it is over."""
    today = today or timezone.localdate()
    end = min(today - datetime.timedelta(days=1), cohort.ends_on)
    return (end - cohort.starts_on).days


def schedule(modules: list, length_days: int, rng: random.Random) -> list[Step]:
    """The outline's steps, each on its planned day: modules share the programme's
    days equally, and a module's lessons and quiz share the module's.

    ``modules`` lists (lesson keys, quizzes) per module, in the outline's order.
    """
    steps = []
    span = length_days / max(len(modules), 1)
    for index, (lesson_keys, quizzes) in enumerate(modules):
        items = [(key, None) for key in lesson_keys] + [
            (q.translation_key, q) for q in quizzes
        ]
        for position, (key, quiz) in enumerate(items, start=1):
            difficulty = (
                {q.id: rng.uniform(-0.1, 0.2) for q in quiz.questions} if quiz else {}
            )
            steps.append(
                Step(
                    key=key,
                    day=round(span * index + span * position / (len(items) + 1)),
                    quiz=quiz,
                    final=index == len(modules) - 1,
                    difficulty=difficulty,
                )
            )
    return steps


def profiles(count: int, rng: random.Random) -> list[Profile]:
    """``count`` learners: about one in seven fast, one in eight lagging, one in
    eight dropping out (one of them before the first lesson), the rest steady."""
    fast, lagging, dropped = round(count / 7), round(count / 8), round(count / 8)
    kinds = ["fast"] * fast + ["lagging"] * lagging + ["dropped"] * dropped
    kinds += ["steady"] * (count - len(kinds))
    rng.shuffle(kinds)
    found = []
    never_started = True
    for kind in kinds:
        if kind == "fast":
            profile = Profile(
                kind,
                pace=rng.uniform(0.8, 0.88),
                lag=0,
                skill=rng.uniform(0.85, 0.95),
                turnout=0.9,
                recent_visit=rng.randint(0, 5),
            )
        elif kind == "steady":
            profile = Profile(
                kind,
                pace=rng.uniform(0.95, 1.12),
                lag=rng.randint(0, 18),
                skill=rng.uniform(0.68, 0.88),
                turnout=0.8,
                recent_visit=rng.randint(0, 7),
            )
        elif kind == "lagging":
            profile = Profile(
                kind,
                pace=1.0,
                lag=rng.randint(30, 55),
                skill=rng.uniform(0.35, 0.5),
                turnout=0.5,
                recent_visit=rng.randint(3, 24),
            )
        else:
            stops = 2 if never_started else rng.randint(12, 100)
            never_started = False
            profile = Profile(
                kind,
                pace=rng.uniform(0.95, 1.1),
                lag=rng.randint(0, 10),
                skill=rng.uniform(0.5, 0.8),
                turnout=0.7,
                stops_on_day=stops,
            )
        found.append(profile)
    return found


def plan_learning(
    profile: Profile,
    steps: list[Step],
    start: datetime.datetime,
    final_day: int,
    user_id: int,
    rng: random.Random,
) -> Learning:
    """What a learner of ``profile`` has done by ``final_day``, step by step."""
    limit = final_day
    if profile.stops_on_day is not None:
        limit = min(limit, profile.stops_on_day)
    learning = Learning()
    day = 0
    for step in steps:
        if step.final and profile.kind != "finisher":
            break
        due = round(step.day * profile.pace) + profile.lag + rng.randint(-2, 3)
        day = max(day, due)
        if day > limit:
            break
        if step.quiz is None:
            learning.completions.append((step.key, _moment(start, day, rng)))
        else:
            day = _take_quiz(learning, step, profile, day, limit, start, user_id, rng)
    moments = [at for _key, at in learning.completions]
    moments += [attempt.submitted_at for attempt, _answers in learning.attempts]
    if profile.recent_visit is not None and moments:
        moments.append(_moment(start, max(final_day - profile.recent_visit, 0), rng))
    learning.last_activity = max(moments, default=None)
    return learning


def graded_attempt(
    quiz: QuizPage,
    user_id: int,
    number: int,
    outcomes: list[str],
    submitted_at: datetime.datetime,
    rng: random.Random,
) -> tuple[Attempt, list[Answer]]:
    """An attempt graded as the quiz would grade it, one outcome per question."""
    answers = []
    score = possible = Decimal(0)
    for question, outcome in zip(quiz.questions, outcomes, strict=True):
        response = response_for(question, outcome, rng)
        fraction = grading.grade(question, response)
        worth = Decimal(question.value["points"])
        points = (fraction * worth).quantize(Decimal("0.01"))
        score += points
        possible += worth
        answers.append(
            Answer(
                question_id=question.id,
                response=response,
                saved_at=submitted_at - datetime.timedelta(seconds=rng.randint(5, 90)),
                fraction=fraction,
                points=points,
            )
        )
    percent = (100 * score / possible).quantize(Decimal("0.01")) if possible else 0
    attempt = Attempt(
        user_id=user_id,
        quiz_key=quiz.translation_key,
        number=number,
        status=Attempt.Status.GRADED,
        started_at=submitted_at - datetime.timedelta(minutes=rng.randint(5, 18)),
        submitted_at=submitted_at,
        question_ids=[question.id for question in quiz.questions],
        choice_order={
            question.id: grading.choice_ids(question)
            for question in quiz.questions
            if question.block.kind in ("single_choice", "multiple_choice")
        },
        score=score,
        max_score=possible,
        percent=percent,
        passed=percent >= quiz.pass_mark,
    )
    return attempt, answers


def response_for(question, outcome: str, rng: random.Random):
    """A response to ``question`` that is right, half right or wrong, as stored."""
    kind = question.block.kind
    value = question.value
    if kind in ("single_choice", "multiple_choice"):
        choices = value["choices"].bound_blocks
        right = [choice.id for choice in choices if choice.value["correct"]]
        wrong = [choice.id for choice in choices if not choice.value["correct"]]
        if kind == "single_choice":
            return right[0] if outcome == RIGHT or not wrong else rng.choice(wrong)
        if outcome == RIGHT or (outcome == PARTIAL and len(right) == 1):
            return sorted(right)
        if outcome == PARTIAL:
            return sorted(rng.sample(right, len(right) - 1))
        return [rng.choice(wrong)] if wrong else None
    if kind == "true_false":
        truth = bool(value["correct_answer"])
        return truth if outcome == RIGHT else not truth
    if kind == "numeric":
        answer = value["answers"][0]["value"]
        if outcome == RIGHT:
            return str(answer)
        return str(answer + rng.choice([-5, -3, 2, 4]))
    accepted = [str(answer["answer"]) for answer in value["accepted_answers"]]
    if outcome == RIGHT:
        return accepted[0]
    return rng.choice([w for w in WRONG_ACRONYMS if w not in accepted])


def write_learning(
    plans: dict[int, Learning], course_key: UUID, enrolled_at: datetime.datetime
) -> list[Enrolment]:
    """Enrol each planned learner (through their cohort) and store what they did."""
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            user_id=user_id,
            course_key=course_key,
            source=Enrolment.Source.COHORT,
            enrolled_at=enrolled_at,
            last_activity_at=learning.last_activity,
        )
        for user_id, learning in plans.items()
    )
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrolment=enrolment, lesson_key=key, completed_at=at)
        for enrolment in enrolments
        for key, at in plans[enrolment.user_id].completions
    )
    write_attempts(
        [attempt for learning in plans.values() for attempt in learning.attempts]
    )
    return enrolments


def write_attempts(attempts: list[tuple[Attempt, list[Answer]]]) -> None:
    """Store graded attempts with their answers, and each learner's counted result."""
    Attempt.objects.bulk_create(attempt for attempt, _answers in attempts)
    for attempt, answers in attempts:
        for answer in answers:
            answer.attempt = attempt
    Answer.objects.bulk_create(answer for _a, answers in attempts for answer in answers)
    best: dict[tuple, list[Attempt]] = {}
    for attempt, _answers in attempts:
        best.setdefault((attempt.user_id, attempt.quiz_key), []).append(attempt)
    QuizResult.objects.bulk_create(
        QuizResult(
            user_id=user_id,
            quiz_key=quiz_key,
            percent=max(a.percent for a in tried),
            passed=any(a.passed for a in tried),
            attempts=len(tried),
        )
        for (user_id, quiz_key), tried in best.items()
    )


def hold_classes(
    cohort,
    specs: list[dict],
    modules: dict,
    objectives: dict,
    targets: dict,
    trainer,
    final_day: int,
    room: str,
    video_url: str,
) -> list[LiveSession]:
    """The cohort's classes held by ``final_day``, ended and tagged with what they
    taught. ``modules``, ``objectives`` and ``targets`` find pages and tags by slug,
    number and code."""
    start = day_zero(cohort)
    held = []
    for spec in specs:
        if spec["day"] > final_day:
            continue
        starts = start + datetime.timedelta(days=spec["day"], hours=10)
        ends = starts + datetime.timedelta(minutes=CLASS_MINUTES)
        hybrid = spec["mode"] == LiveSession.Mode.HYBRID
        session = LiveSession(
            title=spec["title"].az,
            title_en=spec["title"].en,
            title_ru=spec["title"].ru,
            cohort=cohort,
            module=modules.get(spec["module"]),
            starts_at=starts,
            ends_at=ends,
            mode=spec["mode"],
            room=room if hybrid else "",
            video_url=video_url,
            ended_at=ends,
        )
        # Set before the first save: a session's tags are saved with it.
        session.gcm_objectives.set([objectives[n] for n in spec["gcm"]])
        session.sdg_targets.set([targets[code] for code in spec["sdg_targets"]])
        session.save()
        session.trainers.add(trainer)
        held.append(session)
    return held


def write_attendance(
    sessions: list[LiveSession],
    learners: dict[int, Profile],
    cohort,
    rng: random.Random,
) -> list[Attendance]:
    """Who came to each class: in the room (checked in), online for most of it,
    online for a few minutes only, or not at all."""
    start = day_zero(cohort)
    rows = []
    for session in sessions:
        day = (session.starts_at - start).days
        for user_id, profile in learners.items():
            if profile.stops_on_day is not None and day > profile.stops_on_day:
                continue
            row = _attendance(session, user_id, profile, rng)
            if row is not None:
                rows.append(row)
    return Attendance.objects.bulk_create(rows)


def _take_quiz(learning, step, profile, day, limit, start, user_id, rng) -> int:
    """Attempts at a quiz until passed, out of attempts or out of time; the last day."""
    quiz = step.quiz
    skill = profile.skill
    number = 1
    while True:
        outcomes = [
            _outcome(question, skill - step.difficulty.get(question.id, 0), rng)
            for question in quiz.questions
        ]
        attempt = graded_attempt(
            quiz, user_id, number, outcomes, _moment(start, day, rng), rng
        )
        learning.attempts.append(attempt)
        if attempt[0].passed or profile.kind == "dropped":
            return day
        # Strugglers give up on a quiz half the time; the others try again.
        if profile.kind == "lagging" and rng.random() < 0.5:
            return day
        if quiz.attempts_allowed and number >= quiz.attempts_allowed:
            return day
        retake = day + rng.randint(2, 6)
        if retake > limit:
            return day
        day, number, skill = retake, number + 1, min(skill + 0.1, 0.98)


def _outcome(question, chance: float, rng: random.Random) -> str:
    chance = min(max(chance, 0.05), 0.98)
    roll = rng.random()
    if roll < chance:
        return RIGHT
    if question.block.kind == "multiple_choice" and roll < chance + (1 - chance) / 2:
        return PARTIAL
    return WRONG


def _attendance(session, user_id, profile, rng) -> Attendance | None:
    minutes = CLASS_MINUTES
    if rng.random() >= profile.turnout:
        if rng.random() < 0.3:  # looked in for a few minutes: not counted present
            joined = session.starts_at + datetime.timedelta(minutes=rng.randint(0, 30))
            seconds = rng.randint(3, 25) * 60
            return Attendance(
                session=session,
                user_id=user_id,
                first_joined_at=joined,
                last_seen_at=joined + datetime.timedelta(seconds=seconds),
                online_seconds=seconds,
            )
        return None
    if session.mode == LiveSession.Mode.HYBRID and rng.random() < 0.45:
        return Attendance(
            session=session,
            user_id=user_id,
            checked_in_at=session.starts_at
            + datetime.timedelta(minutes=rng.randint(-10, 12)),
        )
    joined = session.starts_at + datetime.timedelta(minutes=rng.randint(-3, 12))
    seconds = rng.randint(minutes * 35, minutes * 60)
    return Attendance(
        session=session,
        user_id=user_id,
        first_joined_at=joined,
        last_seen_at=joined + datetime.timedelta(seconds=seconds),
        online_seconds=seconds,
    )


def _moment(start: datetime.datetime, day: int, rng: random.Random):
    """Some time between 9:00 and 22:00 on ``day`` of the programme."""
    return start + datetime.timedelta(days=day, minutes=rng.randint(9 * 60, 22 * 60))
