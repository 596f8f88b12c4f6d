"""What a learner may read, what they have done, and how far along they are.

Other LMS apps add to what a learner has done through the ``lms_done_keys`` hook
(quizzes: passed quizzes), and tell everyone about progress with ``record_progress``.
"""

from datetime import timedelta
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from lms_toolkit.page_cache import read_once

from .models.learning import CourseAccess, Enrolment, LessonCompletion
from .outline import Outline, course_outlines
from .signals import progress_recorded

ACTIVITY_RESOLUTION_SECONDS = 300

# Besides ticked lessons, what else a learner has done (a passed quiz): functions that
# take a list of enrolments and return {enrolment id: {page keys}}.
DONE_KEYS_HOOK = "lms_done_keys"


def learner_outline(course: Page, user, locale_id: int | None = None):
    """The outline of ``course`` with ``user``'s ticks, and their enrolment if any."""
    key = course.translation_key
    outline = course_outlines([key], locale_id or course.locale_id)[key]
    enrolment = next((e for e in learner_enrolments(user) if e.course_key == key), None)
    done = set()
    if enrolment is not None:
        done = enrolment.ticked | _hooked_keys([enrolment])[enrolment.pk]
    outline.mark_done(done)
    return outline, enrolment


def learner_enrolments(user) -> list[Enrolment]:
    """Every enrolment of ``user``, newest first, each with ``ticked`` (the keys of
    the lessons ticked in it): one query, shared by the panels of a request."""
    return read_once(f"enrolments:{user.pk}", lambda: _enrolments_with_ticks(user))


def active_course_keys(user) -> list[UUID]:
    """The courses ``user`` is enrolled in, newest first (no query of its own)."""
    return [e.course_key for e in learner_enrolments(user) if e.is_active]


def _enrolments_with_ticks(user) -> list[Enrolment]:
    """``user``'s enrolments and their ticks in one query: a row per tick, each with
    its enrolment's columns."""
    if not user.is_authenticated:
        return []
    names = [field.attname for field in Enrolment._meta.concrete_fields]
    rows = Enrolment.objects.for_user(user).values_list(
        *names, "completions__lesson_key"
    )
    found: dict[int, Enrolment] = {}
    for *columns, lesson_key in rows:
        enrolment = found.get(columns[0])
        if enrolment is None:
            enrolment = Enrolment.from_db(Enrolment.objects.db, names, columns)
            enrolment.ticked = set()
            found[enrolment.pk] = enrolment
        if lesson_key is not None:
            enrolment.ticked.add(lesson_key)
    return list(found.values())


def dashboard_outlines(user, locale_id: int | None = None) -> list[tuple]:
    """Every active enrolment of ``user`` with its course outline, ticks included."""
    enrolments = [e for e in learner_enrolments(user) if e.is_active]
    outlines = course_outlines([e.course_key for e in enrolments], locale_id)
    hooked = _hooked_keys(enrolments)
    return [
        (
            enrolment,
            outlines[enrolment.course_key].mark_done(
                enrolment.ticked | hooked[enrolment.pk]
            ),
        )
        for enrolment in enrolments
        if enrolment.course_key in outlines
    ]


def can_read_lessons(user, outline: Outline, enrolment: Enrolment | None) -> bool:
    """Open courses are for everyone; restricted ones for enrolled learners, editors."""
    if outline.access == CourseAccess.OPEN:
        return True
    if enrolment is not None and enrolment.is_active:
        return True
    return _can_edit(user, outline.course.pk)


def enrol(user, course: Page, source=Enrolment.Source.SELF) -> Enrolment:
    """Enrol ``user`` (again) in ``course``; one row per learner and course."""
    with transaction.atomic():
        enrolment, created = Enrolment.objects.select_for_update().get_or_create(
            user=user,
            course_key=course.translation_key,
            defaults={"source": source},
        )
        if not created and not enrolment.is_active:
            enrolment.status = Enrolment.Status.ACTIVE
            enrolment.save(update_fields=["status"])
    return enrolment


def mark_complete(enrolment: Enrolment, lesson_key: UUID) -> bool:
    """Tick a lesson. Repeating it, or two tabs at once, leaves one row."""
    now = timezone.now()
    try:
        with transaction.atomic():
            _, created = LessonCompletion.objects.get_or_create(
                enrolment=enrolment,
                lesson_key=lesson_key,
                defaults={"completed_at": now},
            )
    except IntegrityError:  # the other tab won the race: the tick is there
        created = False
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    return created


def mark_incomplete(enrolment: Enrolment, lesson_key: UUID) -> None:
    LessonCompletion.objects.filter(enrolment=enrolment, lesson_key=lesson_key).delete()
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=timezone.now())


def record_activity(enrolment: Enrolment) -> None:
    """Note that the learner was here, at most once per few minutes (one UPDATE)."""
    now = timezone.now()
    stale = now - timedelta(seconds=ACTIVITY_RESOLUTION_SECONDS)
    if enrolment.last_activity_at and enrolment.last_activity_at > stale:
        return  # as read with the page: no write on most pages
    Enrolment.objects.filter(pk=enrolment.pk).exclude(
        last_activity_at__gt=stale
    ).update(last_activity_at=now)


def record_progress(user_id: int, kind: str) -> None:
    """Send ``progress_recorded`` for ``user_id`` once the transaction commits."""
    transaction.on_commit(
        lambda: progress_recorded.send(sender=None, user_id=user_id, kind=kind)
    )


def completed_keys_by_enrolment(enrolments: list[Enrolment]) -> dict[int, set[UUID]]:
    """What each enrolment's learner has done: one query, plus one per hook."""
    done: dict[int, set[UUID]] = {enrolment.pk: set() for enrolment in enrolments}
    if not enrolments:
        return done
    rows = LessonCompletion.objects.filter(enrolment__in=enrolments).values_list(
        "enrolment_id", "lesson_key"
    )
    for enrolment_id, lesson_key in rows:
        done[enrolment_id].add(lesson_key)
    for enrolment_id, keys in _hooked_keys(enrolments).items():
        done[enrolment_id] |= keys
    return done


def _hooked_keys(enrolments: list[Enrolment]) -> dict[int, set[UUID]]:
    """What other apps count as done (passed quizzes): one query per hook."""
    done: dict[int, set[UUID]] = {enrolment.pk: set() for enrolment in enrolments}
    for done_keys_of in hooks.get_hooks(DONE_KEYS_HOOK):
        for enrolment_id, keys in done_keys_of(enrolments).items():
            done[enrolment_id] |= keys
    return done


def _can_edit(user, page_id: int) -> bool:
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    return Page.objects.get(pk=page_id).permissions_for_user(user).can_edit()
