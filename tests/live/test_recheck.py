"""A room checks all its people again at once: logged out or no longer allowed are
refused, the rest are marked as still there, in the same queries for 1 or 40."""

from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.db import SessionStore

from lms_courses.models import Enrolment
from lms_live import classroom
from lms_live.models import Attendance
from tests.conftest import enrol
from tests.factories import UserFactory


def login(user) -> str:
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session.create()
    return session.session_key


def test_who_may_stay_in_the_room(school, live_session, enrolled, trainer, outsider):
    withdrawn = UserFactory()
    enrol(withdrawn, school["course"])
    Enrolment.objects.filter(user=withdrawn).update(status="withdrawn")
    coordinator = UserFactory()
    coordinator.user_permissions.add(
        Permission.objects.get(codename="change_livesession")
    )
    logged_out = (enrolled.pk, "no-longer-a-session")
    logins = {
        (enrolled.pk, login(enrolled)),
        (trainer.pk, login(trainer)),
        (coordinator.pk, None),
        logged_out,
        (withdrawn.pk, login(withdrawn)),
        (outsider.pk, login(outsider)),
    }
    allowed = classroom.still_allowed(live_session.pk, logins)
    assert {user for user, _key in allowed} == {enrolled.pk, trainer.pk, coordinator.pk}
    assert logged_out not in allowed
    assert classroom.roles_among(
        live_session.pk, [enrolled.pk, trainer.pk, coordinator.pk, outsider.pk]
    ) == {enrolled.pk: "student", trainer.pk: "trainer", coordinator.pk: "trainer"}


def test_a_room_of_forty_is_checked_in_the_queries_of_one(
    school, live_session, django_assert_num_queries
):
    people = UserFactory.create_batch(40)
    for person in people:
        enrol(person, school["course"])
        Attendance.objects.create(session=live_session, user=person, connections=1)
    logins = {(person.pk, login(person)) for person in people}
    with django_assert_num_queries(5):
        assert len(classroom.still_allowed(live_session.pk, {next(iter(logins))})) == 1
    with django_assert_num_queries(5):
        assert classroom.still_allowed(live_session.pk, logins) == logins
    seen = Attendance.objects.filter(session=live_session, last_seen_at__isnull=False)
    assert seen.count() == 40
