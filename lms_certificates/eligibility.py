"""Where each learner stands against a certificate rule, for one learner or 10,000.

The number of queries does not depend on how many learners are evaluated: ticks, quiz
results, attendance and project marks are each read in one query for all of them.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms_courses.models import Enrolment, LessonCompletion
from lms_courses.outline import course_outlines
from lms_courses.progress import learner_enrolments
from lms_live.attendance import attended_by, sessions_attended, sessions_held
from lms_quizzes.models import QuizResult
from lms_quizzes.progress import learner_results
from lms_toolkit.page_cache import remembered

from .models import CertificateRule, ProjectCompletion


@dataclass
class Requirement:
    """One part of a rule and how far a learner is: "7 of 9 modules completed"."""

    kind: str  # "modules", "quizzes", "average", "attendance", "project"
    done: int | None  # modules done, quizzes passed, a percentage, or 1 for done
    needed: int
    total: int = 0  # for modules and quizzes: how many there are
    label: str = ""  # the final project's name

    @property
    def met(self) -> bool:
        return self.done is not None and self.done >= self.needed

    @property
    def percent(self) -> int:
        """How full the learner's progress bar is."""
        if not self.needed:
            return 100
        return min(100, round(100 * (self.done or 0) / self.needed))

    def describe(self) -> str:
        values = {
            "done": self.done,
            "total": self.total,
            "needed": self.needed,
            "label": self.label or _("Final project"),
        }
        if self.kind == "modules":
            return (
                ngettext(
                    "%(done)s of %(total)s module completed",
                    "%(done)s of %(total)s modules completed",
                    self.total,
                )
                % values
            )
        if self.kind == "quizzes":
            return (
                ngettext(
                    "%(done)s of %(total)s quiz passed",
                    "%(done)s of %(total)s quizzes passed",
                    self.total,
                )
                % values
            )
        if self.kind == "average":
            return _("average quiz score %(done)s%% of %(needed)s%% needed") % values
        if self.kind == "attendance":
            if self.done is None:
                return _("no live class held yet (%(needed)s%% attendance needed)") % (
                    values
                )
            return _("attendance %(done)s%% of %(needed)s%% needed") % values
        if self.met:
            return _("%(label)s: done") % values
        return _("%(label)s: not marked done yet") % values


@dataclass
class Standing:
    user_id: int
    requirements: list[Requirement] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return all(requirement.met for requirement in self.requirements)


@dataclass
class Programme:
    """What a rule asks of everyone, read once per evaluation."""

    rule: CertificateRule
    course_keys: list[UUID]
    module_lessons: dict[UUID, set[UUID]]  # required module → its lessons
    quiz_keys: list[UUID]
    sessions: list


def candidates(rule: CertificateRule):
    """Who may earn the rule's certificate: the cohort's students, or the course's
    active learners, with an account in use (a deleted learner's records live on
    under an inactive placeholder that must never be issued one)."""
    if rule.cohort_id:
        return rule.cohort.members().filter(is_active=True)
    return get_user_model().objects.filter(
        is_active=True,
        enrolments__course_key=rule.course_key,
        enrolments__status=Enrolment.Status.ACTIVE,
    )


def programme_of(rule: CertificateRule) -> Programme:
    keys, module_lessons, quiz_keys = _kept_plan(rule)
    if rule.min_attendance_percent:
        sessions = sessions_held(cohort=rule.cohort, course_key=rule.course_key)
    else:
        sessions = []
    return Programme(rule, keys, module_lessons, quiz_keys, sessions)


def course_keys_of(rule: CertificateRule) -> list[UUID]:
    """The courses ``rule`` covers, in curriculum order (kept as ``programme_of``)."""
    return _kept_plan(rule)[0]


def _kept_plan(rule: CertificateRule) -> tuple:
    return remembered(f"certificate-plan:{rule.pk}", lambda: _plan(rule))


def _plan(rule: CertificateRule) -> tuple:
    """The courses, required modules' lessons and quizzes of ``rule``: kept until a
    page is published or the rule, or its cohort's curriculum, changes."""
    keys = rule.course_keys()
    outlines = course_outlines(keys)
    chosen = {module.translation_key for module in rule.required_modules.all()}
    module_lessons: dict[UUID, set[UUID]] = {}
    quiz_keys: list[UUID] = []
    for key in keys:
        outline = outlines.get(key)
        for module in outline.modules if outline else []:
            if chosen and module.key not in chosen:
                continue
            module_lessons[module.key] = {
                item.key for item in module.items if item.kind == "lessonpage"
            }
            quiz_keys += [item.key for item in module.items if item.kind == "quizpage"]
    return keys, module_lessons, quiz_keys


def standings(rule: CertificateRule, users=None) -> dict[int, Standing]:
    """{user id: Standing} for ``users`` (a queryset; default: every candidate)."""
    programme = programme_of(rule)
    users = candidates(rule) if users is None else users & candidates(rule)
    user_ids = list(users.values_list("pk", flat=True).distinct())
    return _standings(programme, users, user_ids)


def learner_standing(rule: CertificateRule, user) -> Standing:
    """Where ``user`` stands against a rule of their own (one that
    ``CertificateRule.objects.for_learner(user)`` gave): they are known to be a
    candidate, so only what they did is read, by their id."""
    programme = programme_of(rule)
    lessons = set().union(*programme.module_lessons.values())
    ticked = [
        enrolment.ticked & lessons
        for enrolment in learner_enrolments(user)
        if enrolment.course_key in programme.course_keys
    ]
    quizzes = set(programme.quiz_keys)
    results = {
        key: result
        for key, result in learner_results(user.pk).items()
        if key in quizzes
    }
    return _standings(
        programme,
        [user.pk],
        [user.pk],
        done={user.pk: set().union(*ticked)},
        results={user.pk: results},
        attended={user.pk: attended_by(user.pk, programme.sessions)},
    )[user.pk]


def _standings(
    programme: Programme, users, user_ids: list, done=None, results=None, attended=None
) -> dict[int, Standing]:
    """``users``: a queryset of the learners, or their ids; ``done``, ``results`` and
    ``attended`` when they were read already."""
    rule = programme.rule
    if done is None:
        done = _lessons_done(programme, users)
    if results is None:
        results = _quiz_results(programme, users)
    if attended is None:
        attended = (
            sessions_attended(users, programme.sessions) if programme.sessions else {}
        )
    projects = set()
    if rule.requires_project:
        projects = set(
            ProjectCompletion.objects.filter(rule=rule, user__in=users).values_list(
                "user_id", flat=True
            )
        )
    return {
        user_id: Standing(
            user_id,
            _requirements(
                programme,
                done.get(user_id, set()),
                results.get(user_id, {}),
                attended.get(user_id, 0),
                user_id in projects,
            ),
        )
        for user_id in user_ids
    }


def standing_of(rule: CertificateRule, user) -> Standing | None:
    """Where one learner stands; None if the rule is not theirs."""
    users = get_user_model().objects.filter(pk=user.pk)
    return standings(rule, users).get(user.pk)


def _requirements(programme, done, results, attended, project_done) -> list:
    rule = programme.rule
    modules_done = sum(
        1 for lessons in programme.module_lessons.values() if lessons <= done
    )
    found = [
        Requirement(
            "modules",
            modules_done,
            len(programme.module_lessons),
            len(programme.module_lessons),
        )
    ]
    quizzes = programme.quiz_keys
    if quizzes and rule.quiz_requirement == CertificateRule.QuizRequirement.ALL_PASSED:
        passed = sum(1 for key in quizzes if results.get(key, (0, False))[1])
        found.append(Requirement("quizzes", passed, len(quizzes), len(quizzes)))
    elif quizzes and rule.quiz_requirement == CertificateRule.QuizRequirement.AVERAGE:
        total = sum(results.get(key, (0, False))[0] for key in quizzes)
        average = int(total / len(quizzes))
        found.append(
            Requirement("average", average, rule.min_average_score, len(quizzes))
        )
    if rule.min_attendance_percent:
        held = len(programme.sessions)
        percent = round(100 * attended / held) if held else None
        found.append(Requirement("attendance", percent, rule.min_attendance_percent))
    if rule.requires_project:
        found.append(
            Requirement("project", int(project_done), 1, label=rule.project_label)
        )
    return found


def _lessons_done(programme: Programme, users) -> dict[int, set[UUID]]:
    lessons = set().union(*programme.module_lessons.values())
    done: dict[int, set[UUID]] = {}
    if not lessons:
        return done
    rows = LessonCompletion.objects.filter(
        enrolment__user__in=users,
        enrolment__course_key__in=programme.course_keys,
        lesson_key__in=lessons,
    ).values_list("enrolment__user_id", "lesson_key")
    for user_id, lesson_key in rows.iterator(chunk_size=5000):
        done.setdefault(user_id, set()).add(lesson_key)
    return done


def _quiz_results(programme: Programme, users) -> dict[int, dict]:
    """{user id: {quiz key: (percent, passed)}}."""
    found: dict[int, dict] = {}
    if not programme.quiz_keys:
        return found
    rows = QuizResult.objects.filter(
        user__in=users, quiz_key__in=programme.quiz_keys
    ).values_list("user_id", "quiz_key", "percent", "passed")
    for user_id, quiz_key, percent, passed in rows.iterator(chunk_size=5000):
        found.setdefault(user_id, {})[quiz_key] = (float(percent), passed)
    return found
