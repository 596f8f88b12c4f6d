"""The cohort overview: a row per learner, who is at risk, sorting, filters, exports."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms_cohorts.models import Application
from tests.cohorts.factories import CohortFactory
from tests.conftest import count_queries
from tests.insights.conftest import add_learners


def overview_url(cohort, **params) -> str:
    url = reverse("insights_overview", args=[cohort.pk])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def page_of(client, world, user=None, **params):
    client.force_login(user or world["coordinator"])
    response = client.get(overview_url(world["cohort"], **params))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def learner_rows(page) -> dict[str, list[str]]:
    """{learner's first word: the texts of their row's cells}, in the order shown."""
    rows = {}
    for row in page.select("table tbody tr"):
        cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]
        rows[cells[0].split()[0]] = cells
    return rows


def module_cells(page, name: str) -> list[str]:
    row = next(r for r in page.select("table tbody tr") if name in r.get_text())
    return [cell["title"] for cell in row.select(".heat-row .heat")]


def test_each_learner_has_a_row_with_their_numbers(client, cohort_school):
    rows = learner_rows(page_of(client, cohort_school))
    assert set(rows) == {"Aysel", "Murad"}
    # Learner, modules, progress, quiz average, attendance, certificate, last activity.
    assert rows["Aysel"][2:6] == ["50%", "100%", "100%", "None"]
    assert rows["Murad"][2:6] == ["0%", "33%", "0%", "None"]


def test_the_heat_row_shows_progress_in_each_module(client, cohort_school):
    page = page_of(client, cohort_school)
    assert module_cells(page, "Aysel") == [
        "1. Integrated borders: 100%",
        "2. Identity and documents: 0%",
    ]
    aysel = next(r for r in page.select("tbody tr") if "Aysel" in r.get_text())
    assert [c["class"] for c in aysel.select(".heat")] == [
        ["heat", "heat-4"],
        ["heat", "heat-0"],
    ]


def test_idle_learner_is_flagged_at_risk_and_active_one_is_not(client, cohort_school):
    rows = learner_rows(page_of(client, cohort_school))
    assert rows["Murad"][-1].startswith("At risk No activity for 14 days")
    assert rows["Aysel"][-1] == "Not at risk"


def test_the_page_states_the_risk_rule(client, cohort_school):
    page = page_of(client, cohort_school)
    rule = page.select_one(".insights-rule").get_text(" ")
    assert "done nothing for 14 days" in rule
    assert "below 60%" in rule


def test_learner_below_pass_mark_in_final_stretch_is_at_risk(
    client, cohort_school, settings
):
    settings.LMS_INSIGHTS_FINAL_STRETCH_DAYS = 120
    rows = learner_rows(page_of(client, cohort_school))
    assert "Quiz average below 60% near the end" in rows["Murad"][-1]
    assert rows["Aysel"][-1] == "Not at risk"


def test_filter_by_risk_shows_only_learners_at_risk(client, cohort_school):
    rows = learner_rows(page_of(client, cohort_school, risk="at_risk"))
    assert list(rows) == ["Murad"]


def test_filter_not_at_risk_leaves_out_learners_at_risk(client, cohort_school):
    rows = learner_rows(page_of(client, cohort_school, risk="on_track"))
    assert list(rows) == ["Aysel"]


def test_filter_by_unfinished_module_leaves_out_who_finished_it(client, cohort_school):
    first = cohort_school["modules"][0]
    rows = learner_rows(
        page_of(client, cohort_school, unfinished=first.translation_key.hex)
    )
    assert list(rows) == ["Murad"]


def test_sort_by_a_module_orders_learners_by_their_progress_in_it(
    client, cohort_school
):
    key = cohort_school["modules"][0].translation_key.hex
    ascending = learner_rows(page_of(client, cohort_school, ordering=f"module_{key}"))
    descending = learner_rows(page_of(client, cohort_school, ordering=f"-module_{key}"))
    assert list(ascending) == ["Murad", "Aysel"]
    assert list(descending) == ["Aysel", "Murad"]


def test_sort_by_risk_descending_lists_learners_at_risk_first(client, cohort_school):
    rows = learner_rows(page_of(client, cohort_school, ordering="-risk"))
    assert list(rows) == ["Murad", "Aysel"]


def test_nonsense_filter_is_ignored_with_a_message(client, cohort_school):
    page = page_of(client, cohort_school, risk="maybe", certificate="valid")
    note = page.select_one(".insights-ignored").get_text(" ")
    assert "Risk" in note and "maybe" in note
    # The valid filter still applies: nobody holds a certificate.
    assert learner_rows(page) == {}
    assert "No learner matches these filters." in page.get_text()


def test_nonsense_sort_order_is_ignored_with_a_message(client, cohort_school):
    page = page_of(client, cohort_school, ordering="password")
    assert "password" in page.select_one(".insights-ignored").get_text()
    assert set(learner_rows(page)) == {"Aysel", "Murad"}


def test_unknown_cohort_is_not_found(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    response = client.get(reverse("insights_overview", args=[999999]))
    assert response.status_code == 404


def test_coordinator_sees_any_cohort(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    other = cohort_school["other_cohort"]
    assert client.get(overview_url(other)).status_code == 200


def test_trainer_sees_the_cohort_they_teach(client, cohort_school):
    rows = learner_rows(page_of(client, cohort_school, cohort_school["teacher"]))
    assert set(rows) == {"Aysel", "Murad"}


def test_trainer_cannot_see_a_cohort_they_do_not_teach(client, cohort_school):
    client.force_login(cohort_school["outsider"])
    response = client.get(overview_url(cohort_school["cohort"]))
    assert response.status_code in (302, 403)
    assert b"Aysel" not in response.content


def test_trainer_cannot_export_a_cohort_they_do_not_teach(client, cohort_school):
    client.force_login(cohort_school["outsider"])
    response = client.get(overview_url(cohort_school["cohort"], export="csv"))
    assert response.status_code in (302, 403)
    assert b"aysel@" not in b"".join(getattr(response, "streaming_content", [b""]))


def test_student_cannot_see_the_overview(client, cohort_school):
    client.force_login(cohort_school["aysel"])
    response = client.get(overview_url(cohort_school["cohort"]))
    assert response.status_code in (302, 403)
    assert b"Murad" not in response.content


def test_anonymous_visitor_is_sent_to_log_in(client, cohort_school):
    response = client.get(overview_url(cohort_school["cohort"]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_csv_export_has_a_column_per_module_and_a_row_per_learner(
    client, cohort_school
):
    client.force_login(cohort_school["coordinator"])
    response = client.get(overview_url(cohort_school["cohort"], export="csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Learner",
        "Email",
        "Progress (%)",
        "Integrated borders (%)",
        "Identity and documents (%)",
        "Quiz average (%)",
        "Attendance (%)",
        "Certificate",
        "Last activity",
        "At risk",
    ]
    aysel = next(row for row in rows if row[1] == "aysel@school.example")
    assert aysel[2:8] == ["50", "100", "0", "100", "100", "None"]
    assert aysel[9] == "No"
    assert len(rows) == 3


def test_csv_export_follows_the_filters(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    response = client.get(
        overview_url(cohort_school["cohort"], export="csv", risk="at_risk")
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[1] for row in rows[1:]] == ["murad@school.example"]
    assert rows[1][-1] == "Yes"


def test_xlsx_export_is_a_workbook_of_the_learners(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    response = client.get(overview_url(cohort_school["cohort"], export="xlsx"))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    emails = sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert sheet["A1"].value == "Learner"
    assert emails == ["aysel@school.example", "murad@school.example"]


def test_certificate_status_shows_a_revoked_certificate(client, cohort_school):
    from lms_certificates.models import Certificate

    today = timezone.localdate()
    Certificate.objects.create(
        user=cohort_school["aysel"],
        cohort=cohort_school["cohort"],
        holder_name="Aysel",
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today,
        revoked_at=timezone.now(),
        revoke_reason="Issued by mistake",
    )
    rows = learner_rows(page_of(client, cohort_school, certificate="revoked"))
    assert list(rows) == ["Aysel"]
    assert rows["Aysel"][5] == "Revoked"


def test_cohort_without_learners_shows_an_empty_state(client, cohort_school):
    empty = CohortFactory(number=9, courses=[cohort_school["course"]])
    empty.trainers.add(cohort_school["teacher"])
    empty.save()
    client.force_login(cohort_school["teacher"])
    response = client.get(overview_url(empty))
    assert response.status_code == 200
    assert b"This cohort has no learners yet" in response.content


def test_attendance_is_blank_before_any_session_is_held(client, cohort_school):
    cohort_school["session"].delete()
    rows = learner_rows(page_of(client, cohort_school))
    assert rows["Aysel"][4] == "— none yet"


def test_rejected_applicants_are_not_listed(client, cohort_school):
    Application.objects.filter(applicant=cohort_school["murad"]).update(
        status=Application.Status.REJECTED
    )
    rows = learner_rows(page_of(client, cohort_school))
    assert list(rows) == ["Aysel"]


def test_results_fragment_lists_the_learners(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    url = reverse("insights_overview_results", args=[cohort_school["cohort"].pk])
    response = client.get(url + "?risk=at_risk")
    assert response.status_code == 200
    assert b"Murad" in response.content and b"Aysel" not in response.content


def test_query_count_does_not_grow_with_learners(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    url = overview_url(cohort_school["cohort"], ordering="-risk")
    few = count_queries(client, url)
    add_learners(cohort_school, 198)
    assert count_queries(client, url) == few


pytestmark = pytest.mark.django_db
