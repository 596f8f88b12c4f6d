"""The shift sign-up race on PostgreSQL: 200 volunteers, 20 places, all at once.

Run as ``python -m bench.volunteers`` with DJANGO_SETTINGS_MODULE=lms.settings.bench
and BENCH_DATABASE_URL pointing at PostgreSQL (a migrated database); prints JSON.

200 active volunteers and one shift of 20 places. 200 threads, each with its own
database connection, wait behind a barrier and call ``shifts.sign_up`` together: the
sign-ups per second are counted from the barrier to the last answer, and the shift
must end with 20 confirmed, 180 waitlisted and 20 places taken. The server's
``max_connections`` (100 by default) cannot hold 200 sessions at once, so at most
``max_connections - 20`` threads hold a connection at a time; the others queue, as
requests do behind a pool. The baseline is the same 200 sign-ups made one after
another on one connection, for a second shift of 20 places.
"""

import datetime
import json
import os
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
django.setup()

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from lms_volunteers import shifts
from lms_volunteers.models import (
    DepartmentPage,
    ProjectPage,
    Shift,
    SignUp,
    Volunteer,
    VolunteersIndexPage,
)

VOLUNTEERS = 200
PLACES = 20
DOMAIN = "bench-volunteers.example"


def main() -> dict:
    volunteers, race_shift, baseline_shift = _prepare()
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        max_connections = int(cursor.fetchone()[0])
    at_once = min(VOLUNTEERS, max_connections - 20)

    race = _race(volunteers, race_shift, at_once)
    began = time.perf_counter()
    for volunteer in volunteers:
        shifts.sign_up(volunteer, baseline_shift)
    baseline_s = time.perf_counter() - began

    race_shift.refresh_from_db()
    on_shift = SignUp.objects.filter(shift=race_shift)
    checks = {
        "confirmed": on_shift.filter(status="confirmed").count(),
        "waitlisted": on_shift.filter(status="waitlisted").count(),
        "places_taken": race_shift.places_taken,
        "capacity": race_shift.capacity,
        "refused": race["refused"],
        "errors": race["errors"],
    }
    if (checks["confirmed"], checks["waitlisted"], checks["places_taken"]) != (
        PLACES,
        VOLUNTEERS - PLACES,
        PLACES,
    ) or checks["errors"]:
        raise RuntimeError(f"the sign-up race went wrong: {checks}")
    return {
        "volunteers": VOLUNTEERS,
        "places": PLACES,
        "connections_at_once": at_once,
        "race_per_second": round(VOLUNTEERS / race["seconds"], 1),
        "race_p50_ms": race["p50_ms"],
        "race_p99_ms": race["p99_ms"],
        "baseline_per_second": round(VOLUNTEERS / baseline_s, 1),
        "checks": checks,
    }


def _prepare():
    """200 fresh active volunteers and two fresh shifts of 20 places, a day apart."""
    User = get_user_model()
    User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    Shift.objects.filter(title__startswith="Bench race").delete()
    project = _project()
    users = User.objects.bulk_create(
        User(email=f"volunteer{n}@{DOMAIN}", first_name="Bench", last_name=str(n))
        for n in range(VOLUNTEERS)
    )
    volunteers = Volunteer.objects.bulk_create(
        Volunteer(
            user=user,
            status=Volunteer.Status.ACTIVE,
            languages="Azerbaijani, Russian",
            availability="Weekends",
            motivation="To help.",
        )
        for user in users
    )
    starts = timezone.now() + datetime.timedelta(days=7)
    race_shift, baseline_shift = (
        Shift.objects.create(
            project=project,
            title=f"Bench race {label}",
            place="Service centre",
            starts_at=starts + datetime.timedelta(days=day),
            ends_at=starts + datetime.timedelta(days=day, hours=3),
            capacity=PLACES,
        )
        for day, label in ((0, "shift"), (2, "baseline"))
    )
    return volunteers, race_shift, baseline_shift


def _project():
    """A project of the union, built through the page tree when there is none."""
    project = ProjectPage.objects.order_by("path").first()
    if project:
        return project
    home = HomePage.objects.order_by("path").first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Home", slug="bench-home")
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "root_page": home},
        )
    union = VolunteersIndexPage.objects.order_by("path").first()
    if union is None:
        union = home.add_child(
            instance=VolunteersIndexPage(title="Volunteers", slug="volunteers")
        )
    department = union.add_child(
        instance=DepartmentPage(title="Bench department", slug="bench-department")
    )
    return department.add_child(
        instance=ProjectPage(
            title="Bench project",
            slug="bench-project",
            goal="Measure the sign-ups.",
            starts_on=datetime.date.today(),
        )
    )


def _race(volunteers, shift, at_once: int) -> dict:
    barrier = threading.Barrier(len(volunteers) + 1)
    gate = threading.Semaphore(at_once)
    took, refused, errors = [], [], []
    lock = threading.Lock()

    def run(volunteer):
        barrier.wait()
        began = time.perf_counter()
        try:
            with gate:
                try:
                    shifts.sign_up(volunteer, shift)
                except shifts.SignUpRefused as refusal:
                    with lock:
                        refused.append(str(refusal))
                finally:
                    connection.close()
        except Exception as error:  # reported, and the run fails
            with lock:
                errors.append(repr(error))
        with lock:
            took.append(time.perf_counter() - began)

    threads = [threading.Thread(target=run, args=(v,)) for v in volunteers]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    took.sort()
    return {
        "seconds": seconds,
        "p50_ms": round(took[len(took) // 2] * 1000, 1),
        "p99_ms": round(took[int(len(took) * 0.99) - 1] * 1000, 1),
        "refused": len(refused),
        "errors": errors[:5],
    }


if __name__ == "__main__":
    print(json.dumps(main()))
