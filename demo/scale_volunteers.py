"""The Migration Volunteers union at scale, for the benchmarks.

Seven departments of four projects under its home page, N volunteers (most of them
active), a shift for every twenty of them, half past and half to come, with their
sign-ups, and the hours of those who came, beside claims waiting for approval.
``make_scale_data --volunteers N`` runs it.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from demo import school
from demo.scale import BATCH, PASSWORD, OtherSizeExists
from home.models import HomePage
from lms_volunteers.models import (
    DepartmentPage,
    HoursEntry,
    ProjectPage,
    Shift,
    SignUp,
    Volunteer,
    VolunteersIndexPage,
)

VOLUNTEER_DOMAIN = "volunteers.scale.example"
DEPARTMENTS = 7
PROJECTS_PER_DEPARTMENT = 4
VOLUNTEERS_PER_SHIFT = 20
# (status, share): most volunteers are active, the rest spread along the pipeline.
VOLUNTEER_STATUSES = [
    (Volunteer.Status.ACTIVE, 0.7),
    (Volunteer.Status.IN_TRAINING, 0.1),
    (Volunteer.Status.APPLICANT, 0.05),
    (Volunteer.Status.SCREENED, 0.05),
    (Volunteer.Status.PAUSED, 0.05),
    (Volunteer.Status.LEFT, 0.03),
    (Volunteer.Status.DECLINED, 0.02),
]
LANGUAGES = [
    "Azerbaijani, Russian",
    "Azerbaijani, Russian, English",
    "Azerbaijani, English",
    "Azerbaijani, Persian",
    "Azerbaijani, Russian, Turkish",
    "Azerbaijani, Arabic, English",
    "Russian, Georgian",
]


def make_union(count: int, seed: int, stderr) -> bool:
    """The union at scale: departments, projects, ``count`` volunteers, shifts,
    hours. Without a home page the demo is loaded first (its warnings to ``stderr``).

    Returns False when ``count`` scale volunteers are there already.
    """
    existing = Volunteer.objects.filter(
        user__email__endswith=f"@{VOLUNTEER_DOMAIN}"
    ).count()
    if existing == count:
        return False
    if existing:
        raise OtherSizeExists(
            "Scale volunteers of another number exist; use a fresh database."
        )
    rng = random.Random(seed)
    with transaction.atomic():
        projects = _departments(_union_home(stderr))
        volunteers = _volunteers(count, projects, rng)
        _shifts(volunteers, projects, rng)
    return True


def _union_home(stderr) -> VolunteersIndexPage:
    union = VolunteersIndexPage.objects.order_by("path").first()
    if union is not None:
        return union
    home = HomePage.objects.order_by("path").first()
    if home is None:
        school.load(stderr)
        return VolunteersIndexPage.objects.order_by("path").first()
    union = VolunteersIndexPage(
        title="Migration Volunteers", slug="volunteers", locale=home.locale
    )
    home.add_child(instance=union)
    return union


def _departments(union: VolunteersIndexPage) -> list[ProjectPage]:
    today = timezone.localdate()
    projects = []
    for number in range(1, DEPARTMENTS + 1):
        department = DepartmentPage(
            title=f"Scale department {number}",
            slug=f"scale-department-{number}",
            summary="A department for measuring the platform.",
            locale=union.locale,
        )
        union.add_child(instance=department)
        for project_number in range(1, PROJECTS_PER_DEPARTMENT + 1):
            project = ProjectPage(
                title=f"Scale project {number}.{project_number}",
                slug=f"scale-project-{number}-{project_number}",
                goal="Help migrants with their documents, at scale.",
                funder="A partner",
                budget=Decimal(20_000 * project_number),
                target_beneficiaries=500 * project_number,
                starts_on=today - datetime.timedelta(days=365),
                ends_on=today + datetime.timedelta(days=365),
                locale=union.locale,
            )
            department.add_child(instance=project)
            projects.append(project)
    return projects


def _volunteers(count: int, projects, rng) -> list[Volunteer]:
    User = get_user_model()
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        (
            User(
                email=f"volunteer{n}@{VOLUNTEER_DOMAIN}",
                first_name="Volunteer",
                last_name=str(n),
                password=password,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    statuses, shares = zip(*VOLUNTEER_STATUSES, strict=True)
    departments = sorted({project.get_parent().pk for project in projects})
    now = timezone.now()
    return Volunteer.objects.bulk_create(
        (
            Volunteer(
                user=user,
                status=rng.choices(statuses, shares)[0],
                languages=rng.choice(LANGUAGES),
                skills="Translation, forms",
                availability=rng.choice(["Weekends", "Weekday evenings"]),
                phone=f"+994 50 {rng.randint(100, 999)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
                department_id=rng.choice(departments),
                motivation="To help migrants find their way.",
                applied_at=now - datetime.timedelta(days=rng.randint(30, 700)),
                status_changed_at=now - datetime.timedelta(days=rng.randint(1, 30)),
            )
            for user in users
        ),
        batch_size=BATCH,
    )


def _shifts(volunteers, projects, rng) -> None:
    """A shift per twenty volunteers, over the last and the next 90 days, filled
    by active volunteers; those who came to a past one have its hours, and a
    quarter of the active ones claimed some hours of their own."""
    active = [v for v in volunteers if v.status == Volunteer.Status.ACTIVE]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    count = max(len(volunteers) // VOLUNTEERS_PER_SHIFT, 1)
    shifts, rosters = [], []
    for number in range(count):
        days = rng.randint(-90, 90) or 1
        starts = now + datetime.timedelta(days=days, hours=rng.choice([-2, 0, 3]))
        capacity = rng.randint(3, 10)
        past = starts < now
        wanted = capacity if past else rng.randint(0, capacity + 3)
        roster = rng.sample(active, min(wanted, len(active)))
        project = rng.choice(projects)
        shifts.append(
            Shift(
                project=project,
                project_key=project.translation_key,
                title=f"Help at the desk {number + 1}",
                place=f"Service centre {number % 12 + 1}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=rng.choice([2, 3, 4])),
                capacity=capacity,
                places_taken=min(len(roster), capacity),
                required_languages=rng.choice(["", "", "Russian", "English"]),
                created_at=starts - datetime.timedelta(days=14),
            )
        )
        rosters.append(roster)
    Shift.objects.bulk_create(shifts, batch_size=BATCH)
    sign_ups, hours = [], []
    for shift, roster in zip(shifts, rosters, strict=True):
        past = shift.starts_at < now
        for place, volunteer in enumerate(roster):
            confirmed = place < shift.capacity
            came = rng.random() < 0.9 if past and confirmed else None
            sign_ups.append(
                SignUp(
                    shift=shift,
                    volunteer=volunteer,
                    status=SignUp.Status.CONFIRMED
                    if confirmed
                    else SignUp.Status.WAITLISTED,
                    signed_up_at=shift.created_at + datetime.timedelta(hours=place + 1),
                    attended=came,
                    attendance_confirmed_at=shift.ends_at if came is not None else None,
                )
            )
            if came:
                hours.append(
                    HoursEntry(
                        volunteer=volunteer,
                        project=shift.project,
                        project_key=shift.project_key,
                        shift=shift,
                        worked_on=timezone.localdate(shift.starts_at),
                        # Shift.hours is the related manager of its hours.
                        hours=Decimal(
                            (shift.ends_at - shift.starts_at).seconds // 3600
                        ),
                        source=HoursEntry.Source.SHIFT,
                        status=HoursEntry.Status.APPROVED,
                        submitted_at=shift.ends_at,
                        decided_at=shift.ends_at,
                    )
                )
    for volunteer in rng.sample(active, len(active) // 4):
        project = rng.choice(projects)
        worked_on = timezone.localdate() - datetime.timedelta(days=rng.randint(1, 120))
        pending = rng.random() < 0.4
        hours.append(
            HoursEntry(
                volunteer=volunteer,
                project=project,
                project_key=project.translation_key,
                worked_on=worked_on,
                hours=Decimal(rng.choice(["1.5", "2", "3", "4"])),
                description="Helped a family with their forms.",
                source=HoursEntry.Source.CLAIM,
                status=HoursEntry.Status.PENDING
                if pending
                else HoursEntry.Status.APPROVED,
                decided_at=None if pending else now,
            )
        )
    SignUp.objects.bulk_create(sign_ups, batch_size=BATCH)
    HoursEntry.objects.bulk_create(hours, batch_size=BATCH)
