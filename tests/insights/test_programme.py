"""The programme report: a cohort's admission and completion beside earlier cohorts."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from lms_certificates.issuing import issue_by_hand, revoke
from lms_certificates.models import CertificateRule
from lms_cohorts.models import Application, Cohort
from tests.cohorts.factories import ApplicationFactory, CohortFactory
from tests.conftest import count_queries, enrol
from tests.factories import CoursePageFactory
from tests.insights.conftest import add_learners

pytestmark = pytest.mark.django_db

COHORT_4 = "4th Migration School"
COHORT_3 = "3th Migration School"


@pytest.fixture
def programme(cohort_school):
    """Cohort 4: Aysel and Murad accepted and enrolled, Lala accepted but not
    enrolled, one application waiting, one rejected, one draft; Aysel holds a
    certificate, Murad's was revoked. Cohort 3 has no applications."""
    cohort = cohort_school["cohort"]
    lala = ApplicationFactory(cohort=cohort, status=Application.Status.ACCEPTED)
    ApplicationFactory(cohort=cohort, status=Application.Status.SUBMITTED)
    ApplicationFactory(cohort=cohort, status=Application.Status.REJECTED)
    ApplicationFactory(cohort=cohort, status=Application.Status.DRAFT)
    rule = CertificateRule.objects.create(cohort=cohort)
    coordinator = cohort_school["coordinator"]
    issue_by_hand(rule, cohort_school["aysel"], by=coordinator, reason="Completed.")
    murads = issue_by_hand(
        rule, cohort_school["murad"], by=coordinator, reason="Completed."
    )
    revoke(murads, by=coordinator, reason="Issued by mistake.")
    return {**cohort_school, "lala": lala.applicant, "rule": rule}


def report_url(cohort, **query) -> str:
    url = reverse("insights_programme", args=[cohort.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def report_table(response) -> dict[str, list[str]]:
    """{measure (or "Measure" for the headings): the cells of its row, as shown}."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("table", class_="listing")
    rows = {}
    for tr in table.find_all("tr"):
        label, *cells = [
            " ".join(c.get_text().split()) for c in tr.find_all(["th", "td"])
        ]
        rows[label] = cells
    return rows


def test_the_report_counts_each_cohort_side_by_side(client, programme):
    client.force_login(programme["coordinator"])
    table = report_table(client.get(report_url(programme["cohort"])))
    assert table["Measure"] == [COHORT_3, COHORT_4, f"Change since {COHORT_3}"]
    assert table["Applications received"] == ["0", "5", "+5"]
    assert table["Accepted"] == ["0", "3", "+3"]
    assert table["Accepted (% of applications)"] == ["—", "60.0%", "—"]
    assert table["Enrolled"] == ["0", "2", "+2"]
    assert table["Completed"] == ["0", "1", "+1"]
    assert table["Completed (% of accepted)"] == ["—", "33.3%", "—"]
    assert table["Certificates issued (valid)"] == ["0", "1", "+1"]
    assert table["Certificates revoked"] == ["0", "1", "+1"]


def test_draft_applications_are_not_received(client, programme):
    cohort = programme["other_cohort"]
    ApplicationFactory(cohort=cohort, status=Application.Status.DRAFT)
    ApplicationFactory(cohort=cohort, status=Application.Status.SUBMITTED)
    client.force_login(programme["coordinator"])
    table = report_table(client.get(report_url(programme["cohort"])))
    assert table["Applications received"][0] == "1"


def test_a_withdrawn_enrolment_does_not_count_as_enrolled(client, programme):
    programme["murad"].enrolments.update(status="withdrawn")
    client.force_login(programme["coordinator"])
    table = report_table(client.get(report_url(programme["cohort"])))
    assert table["Enrolled"][1] == "1"


def test_an_enrolment_outside_the_curriculum_does_not_count(client, programme):
    other_course = CoursePageFactory(parent=programme["catalogue"])
    enrol(programme["lala"], other_course)
    client.force_login(programme["coordinator"])
    table = report_table(client.get(report_url(programme["cohort"])))
    assert table["Enrolled"][1] == "2"


def test_the_change_of_a_share_is_in_percentage_points(client, programme):
    earlier = programme["other_cohort"]
    ApplicationFactory(cohort=earlier, status=Application.Status.ACCEPTED)
    ApplicationFactory(cohort=earlier, status=Application.Status.REJECTED)
    client.force_login(programme["coordinator"])
    table = report_table(client.get(report_url(programme["cohort"])))
    assert table["Accepted (% of applications)"] == ["50.0%", "60.0%", "+10.0 pp"]
    assert table["Applications received"] == ["2", "5", "+3"]


def test_graduates_the_union_took_in_count_as_volunteers(client, programme):
    from lms_volunteers.pipeline import apply

    # Aysel, the cohort's one graduate, joins: the union takes a graduate at once.
    apply(
        programme["aysel"],
        languages="Azerbaijani",
        availability="Weekends",
        motivation="To help.",
    )
    apply(programme["murad"], languages="Russian", availability="-", motivation="-")
    client.force_login(programme["coordinator"])
    table = report_table(client.get(report_url(programme["cohort"])))
    row = table["Graduates who became volunteers (%)"]
    assert row == ["—", "100.0%", "—"]


def test_later_cohorts_are_left_out(client, programme):
    CohortFactory(number=5)
    client.force_login(programme["coordinator"])
    table = report_table(client.get(report_url(programme["cohort"])))
    assert table["Measure"][:2] == [COHORT_3, COHORT_4]
    assert len(table["Measure"]) == 3


def test_a_cohort_without_applications_shows_zeros_and_no_shares(client, programme):
    client.force_login(programme["coordinator"])
    response = client.get(report_url(programme["other_cohort"]))
    assert response.status_code == 200
    table = report_table(response)
    assert table["Measure"] == [COHORT_3]
    assert table["Applications received"] == ["0"]
    assert table["Completed (% of accepted)"] == ["—"]
    assert b"There is no earlier cohort to compare with." in response.content


def test_the_page_shows_the_cohort_tabs(client, programme):
    client.force_login(programme["coordinator"])
    soup = BeautifulSoup(
        client.get(report_url(programme["cohort"])).content, "html.parser"
    )
    current = soup.select_one("nav.insights-tabs a[aria-current=page]")
    assert current.get_text() == "Programme report"


def test_the_xlsx_export_has_a_column_per_cohort_and_a_row_per_measure(
    client, programme
):
    client.force_login(programme["coordinator"])
    response = client.get(report_url(programme["cohort"], export="xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        'filename="programme-report-cohort-4.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings, *rows = list(sheet.values)
    assert headings == ("Measure", COHORT_3, COHORT_4)
    by_measure = {row[0]: row[1:] for row in rows}
    assert len(by_measure) == 9
    assert by_measure["Applications received"] == (0, 5)
    assert by_measure["Completed (% of accepted)"] == ("—", 33.3)
    assert by_measure["Graduates who became volunteers (%)"] == (
        "—",
        0,
    )


def test_the_csv_export_has_a_column_per_cohort_and_a_row_per_measure(
    client, programme
):
    client.force_login(programme["coordinator"])
    response = client.get(report_url(programme["cohort"], export="csv"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    headings, *rows = list(csv.reader(io.StringIO(text)))
    assert headings == ["Measure", COHORT_3, COHORT_4]
    by_measure = {row[0]: row[1:] for row in rows}
    assert by_measure["Accepted"] == ["0", "3"]
    assert by_measure["Certificates revoked"] == ["0", "1"]


def test_an_unknown_export_format_shows_the_page_with_a_message(client, programme):
    client.force_login(programme["coordinator"])
    response = client.get(report_url(programme["cohort"], export="nonsense"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "“nonsense” is not an export format" in response.content.decode()


def test_an_unknown_cohort_is_not_found(client, programme):
    client.force_login(programme["coordinator"])
    assert client.get(reverse("insights_programme", args=[9999])).status_code == 404


def test_a_coordinator_opens_any_cohort(client, programme):
    client.force_login(programme["coordinator"])
    for cohort in (programme["cohort"], programme["other_cohort"]):
        assert client.get(report_url(cohort)).status_code == 200


def test_a_trainer_sees_only_the_cohorts_they_teach_beside_theirs(client, programme):
    client.force_login(programme["teacher"])
    table = report_table(client.get(report_url(programme["cohort"])))
    assert table["Measure"] == [COHORT_4]


def test_a_trainer_cannot_open_a_cohort_they_do_not_teach(client, programme):
    client.force_login(programme["teacher"])
    response = client.get(report_url(programme["other_cohort"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_student_cannot_open_the_report(client, programme):
    client.force_login(programme["aysel"])
    response = client.get(report_url(programme["cohort"]))
    assert response.status_code == 302
    assert COHORT_4.encode() not in response.content


def test_an_anonymous_visitor_is_sent_to_log_in(client, programme):
    response = client.get(report_url(programme["cohort"]))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_queries_do_not_grow_with_earlier_cohorts(client, programme):
    # Renumbered so that four more cohorts fit between it and cohort 3.
    Cohort.objects.filter(pk=programme["cohort"].pk).update(number=10)
    client.force_login(programme["coordinator"])
    url = report_url(programme["cohort"])
    with_one = count_queries(client, url)
    for number in (5, 6, 7, 8):
        earlier = CohortFactory(number=number)
        ApplicationFactory(cohort=earlier, status=Application.Status.ACCEPTED)
    response = client.get(url)
    assert len(report_table(response)["Measure"]) == 7
    assert count_queries(client, url) == with_one


def test_queries_do_not_grow_with_learners(client, programme):
    client.force_login(programme["coordinator"])
    url = report_url(programme["cohort"])
    with_two = count_queries(client, url)
    add_learners(programme, 220)
    assert count_queries(client, url) == with_two
