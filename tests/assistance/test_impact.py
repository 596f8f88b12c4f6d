"""Impact reports: people helped and volunteer hours, anonymised, small counts hidden,
as a page and as XLSX, for desk staff and data-protection officers only."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lms_assistance.impact import chart, impact_report, protect
from lms_assistance.models import (
    AuditEntry,
    Booking,
    HelpKind,
    Language,
    Status,
)
from lms_volunteers.models import HoursEntry
from tests.conftest import count_queries
from tests.volunteers.factories import project_page

from .factories import (
    DEMO_DOCUMENT,
    DEMO_NAME,
    AssistanceRequestFactory,
    BookingFactory,
    DeskFactory,
    DriveFactory,
    DriveSlotFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2024
MARCH = datetime.datetime(YEAR, 3, 15, 12, tzinfo=datetime.UTC)
PHONE = "+994 50 555 12 34"
FAMILY_NAME = "Karimova-Testova"


@pytest.fixture
def world(desk_world):
    """The desk world, its desk counting toward a project of the union."""
    desk_world.project = project_page(title="Migrants' forms clinic")
    desk_world.desk.project = desk_world.project
    desk_world.desk.save()
    return desk_world


def done(world, count: int, **fields):
    fields = {
        "desk": world.desk,
        "taken_by": world.users["desk_staff"],
        "status": Status.DONE,
        "closed_at": MARCH,
        **fields,
    }
    return [AssistanceRequestFactory(**fields) for _ in range(count)]


def page(client, world, role="desk_staff", **params) -> str:
    client.force_login(world.users[role])
    response = client.get(reverse("desk:impact"), {"year": YEAR, **params})
    assert response.status_code == 200
    return response.content.decode()


def workbook(client, world, role="desk_staff", **params):
    client.force_login(world.users[role])
    response = client.get(reverse("desk:impact_export"), {"year": YEAR, **params})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def row(html: str, label: str) -> list[str]:
    """The cells of the table line labelled ``label`` in the first table having it."""
    match = re.search(
        rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.DOTALL
    )
    assert match, label
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", match[1])]


def sheet_rows(book, title: str) -> dict:
    return {line[0]: list(line[1:]) for line in book[title].iter_rows(values_only=True)}


def all_cells(book) -> str:
    return " ".join(
        str(value)
        for sheet in book.worksheets
        for line in sheet.iter_rows(values_only=True)
        for value in line
        if value is not None
    )


# Protection of small counts ------------------------------------------------


def test_counts_under_five_read_fewer_than_five_on_the_page(client, world):
    done(world, 6, kind=HelpKind.FORMS)
    done(world, 2, kind=HelpKind.DOCUMENTS)

    html = page(client, world)

    assert row(html, "Collecting documents")[0] == "fewer than 5"


def test_counts_of_five_and_more_read_as_numbers_on_the_page(client, world):
    done(world, 7, kind=HelpKind.FORMS, preferred_language=Language.RU)

    html = page(client, world)

    assert row(html, "Filling in application forms")[0] == "7"
    assert row(html, "Russian")[0] == "7"
    assert row(html, "March")[0] == "7"


def test_a_small_count_cannot_be_worked_out_from_the_total(client, world):
    done(world, 6, kind=HelpKind.FORMS)
    done(world, 2, kind=HelpKind.DOCUMENTS)

    html = page(client, world)

    assert row(html, "Filling in application forms")[0] == "5 or more"
    assert row(html, "Total")[0] == "8"


def test_a_small_total_is_hidden_too(client, world):
    done(world, 3, kind=HelpKind.FORMS)

    html = page(client, world)

    assert row(html, "Total")[0] == "fewer than 5"
    assert ">3<" not in html


def test_protect_hides_small_counts_and_the_next_smallest():
    shown = protect([0, 3, 9, 6])

    assert [figure.text for figure in shown] == ["0", "fewer than 5", "9", "5 or more"]


def test_protect_hides_more_while_small_counts_are_still_determined():
    # Two hidden ones and a total of 12 would tell 1 and 1.
    shown = protect([1, 1, 10])

    assert [figure.text for figure in shown] == [
        "fewer than 5",
        "fewer than 5",
        "5 or more",
    ]


def test_protect_shows_a_column_without_small_counts_as_it_is():
    assert [figure.number for figure in protect([5, 0, 12])] == [5, 0, 12]


def test_chart_draws_no_bar_for_a_hidden_figure(world):
    done(world, 6, kind=HelpKind.FORMS)
    done(world, 2, kind=HelpKind.DOCUMENTS)
    done(world, 10, kind=HelpKind.COUNSELLING)

    kinds = impact_report(YEAR).breakdowns[0]
    bars = {bar.label: bar for bar in chart(kinds)}

    assert bars["Collecting documents"].percent is None
    assert bars["Collecting documents"].text == "fewer than 5"
    assert bars["Counselling and guidance"].percent == 100.0


def test_xlsx_reads_fewer_than_five_and_numbers_as_the_page_does(client, world):
    done(world, 7, kind=HelpKind.FORMS, preferred_language=Language.RU)
    done(world, 2, kind=HelpKind.FORMS, preferred_language=Language.FA)

    book = workbook(client, world)

    languages = sheet_rows(book, "By language")
    assert languages["Persian"][0] == "fewer than 5"
    assert languages["Russian"][0] == "5 or more"
    assert sheet_rows(book, "By kind of help")["Filling in application forms"][0] == 9
    assert sheet_rows(book, "By month")["March"][0] == 9


def test_xlsx_has_a_chart_on_each_breakdown(client, world):
    done(world, 5)

    book = workbook(client, world)

    assert all(book[title]._charts for title in book.sheetnames[1:])


# What is counted -----------------------------------------------------------


def test_referred_requests_count_in_their_own_column(client, world):
    done(world, 5, kind=HelpKind.FORMS)
    done(
        world,
        5,
        kind=HelpKind.FORMS,
        status=Status.REFERRED,
        referred_to="Legal aid clinic",
    )

    html = page(client, world)

    assert row(html, "Filling in application forms")[:2] == ["5", "5"]


def test_open_and_closed_without_help_requests_are_not_counted(client, world):
    done(world, 5, kind=HelpKind.FORMS)
    done(world, 5, status=Status.CLOSED, close_reason="Did not come back.")

    html = page(client, world)

    assert row(html, "Total")[0] == "5"


def test_helped_drive_bookings_count_by_the_drives_kind_and_their_language(
    client, world
):
    drive = DriveFactory(desk=world.desk, kind=HelpKind.COUNSELLING)
    slot = DriveSlotFactory(
        drive=drive, starts_at=MARCH, ends_at=MARCH + datetime.timedelta(hours=1)
    )
    slot.capacity = 10
    slot.save()
    for _ in range(6):
        BookingFactory(slot=slot, language=Language.AR, status=Booking.Status.HELPED)
    BookingFactory(slot=slot, language=Language.AR, status=Booking.Status.NO_SHOW)

    html = page(client, world)

    assert row(html, "Counselling and guidance")[0] == "6"
    assert row(html, "Arabic")[0] == "6"
    assert row(html, drive.project.title)[0] == "6"


def test_anonymised_requests_still_count(client, world):
    done(
        world,
        5,
        given_name="",
        family_name="",
        phone="",
        id_document_number="",
        anonymised_stage=2,
        anonymised_at=MARCH,
    )

    html = page(client, world)

    assert row(html, "Total")[0] == "5"


def test_desk_filter_leaves_other_desks_out(client, world):
    done(world, 5)
    other = DeskFactory()
    done(world, 6, desk=other)

    html = page(client, world, desk=world.desk.pk)

    assert row(html, "Total")[0] == "5"


def test_requests_of_a_desk_without_project_count_under_a_dash(client, world):
    done(world, 5, desk=DeskFactory())

    html = page(client, world)

    assert row(html, "—")[0] == "5"


def test_volunteer_hours_appear_per_project_and_month(client, world):
    done(world, 5)
    volunteer = world.users["assigned_volunteer"].volunteer
    for hours, status in [("3.5", "approved"), ("2", "approved"), ("4", "pending")]:
        HoursEntry.objects.create(
            volunteer=volunteer,
            project=world.project,
            worked_on=datetime.date(YEAR, 3, 10),
            hours=Decimal(hours),
            source="claim",
            status=status,
        )
    HoursEntry.objects.create(
        volunteer=volunteer,
        project=project_page(title="Another union project"),
        worked_on=datetime.date(YEAR, 3, 10),
        hours=Decimal(8),
        source="claim",
        status="approved",
    )

    html = page(client, world)

    assert row(html, "Migrants&#x27; forms clinic")[2] == "5.50"
    assert row(html, "March")[2] == "5.50"
    assert "Another union project" not in html


def test_no_personal_details_reach_the_page_or_the_xlsx(client, world):
    requests = done(world, 6, kind=HelpKind.DELIVERY)
    slot = DriveSlotFactory(
        drive=DriveFactory(desk=world.desk),
        starts_at=MARCH,
        ends_at=MARCH + datetime.timedelta(hours=1),
    )
    BookingFactory(slot=slot, status=Booking.Status.HELPED)
    secrets = [DEMO_NAME, FAMILY_NAME, PHONE, DEMO_DOCUMENT, requests[0].reference]

    html = page(client, world)
    cells = all_cells(workbook(client, world))

    for secret in secrets:
        assert secret not in html
        assert secret not in cells


# Who sees it ---------------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [
        "student",
        "trainer",
        "unqualified_volunteer",
        "assigned_volunteer",
        "other_volunteer",
    ],
)
def test_others_get_404(client, world, role):
    client.force_login(world.users[role])

    assert client.get(reverse("desk:impact")).status_code == 404
    assert client.get(reverse("desk:impact_export")).status_code == 404


@pytest.mark.parametrize("role", ["desk_staff", "dpo", "superuser"])
def test_desk_staff_and_data_protection_officers_see_it(client, world, role):
    client.force_login(world.users[role])

    assert client.get(reverse("desk:impact")).status_code == 200
    assert client.get(reverse("desk:impact_export")).status_code == 200


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    response = client.get(reverse("desk:impact"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_year_that_is_not_one_is_a_bad_request_with_a_message(client, world):
    client.force_login(world.users["desk_staff"])

    response = client.get(reverse("desk:impact"), {"year": "soon"})

    assert response.status_code == 400
    assert "Enter a whole number" in response.content.decode()


def test_viewing_and_exporting_are_audited(client, world):
    page(client, world)
    workbook(client, world)

    entries = AuditEntry.objects.filter(target="impact report").order_by("pk")
    assert [(e.action, e.reference, e.detail) for e in entries] == [
        ("list", "", {"year": YEAR, "desk": None}),
        ("export", "", {"year": YEAR, "desk": None}),
    ]
    assert {e.actor_id for e in entries} == {world.users["desk_staff"].pk}


def test_query_count_does_not_grow_with_the_requests(client, world):
    client.force_login(world.users["desk_staff"])
    url = f"{reverse('desk:impact')}?year={YEAR}"
    done(world, 2)
    few = count_queries(client, url)
    done(world, 18, kind=HelpKind.COUNSELLING, preferred_language=Language.FA)

    assert count_queries(client, url) == few
