"""The coverage matrix downloads as CSV or XLSX, with the numbers the page shows."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def export(client, world, file_format, tab="gcm"):
    client.force_login(world["coordinator"])
    url = reverse("insights_coverage", args=[world["cohort"].pk])
    response = client.get(url, {"tab": tab, "export": file_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_csv_has_four_numbers_per_module_and_a_row_per_objective(
    client, cohort_school
):
    text = export(client, cohort_school, "csv").decode()
    headings, *rows = list(csv.reader(io.StringIO(text)))
    assert headings[:3] == ["Objective", "Title", "Not taught"]
    assert headings[3:7] == [
        "Integrated borders: lessons",
        "Integrated borders: minutes",
        "Integrated borders: quiz questions",
        "Integrated borders: live sessions",
    ]
    assert len(rows) == 23
    by_label = {row[0]: row for row in rows}
    # The course is tagged GCM 11: both lessons of the first module teach it, and
    # two questions of its quiz test it.
    assert by_label["GCM 11"][2] == ""
    assert by_label["GCM 11"][3] == "2"
    assert by_label["GCM 11"][5] == "2"
    assert by_label["GCM 1"][2] == "yes"


def test_the_xlsx_opens_with_the_sdg_targets_on_their_tab(client, cohort_school):
    workbook = load_workbook(io.BytesIO(export(client, cohort_school, "xlsx", "sdg")))
    sheet = workbook.active
    assert sheet.cell(row=1, column=1).value == "Target"
    labels = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "SDG 10.7" in labels


def test_the_page_links_to_both_downloads(client, cohort_school):
    client.force_login(cohort_school["coordinator"])
    url = reverse("insights_coverage", args=[cohort_school["cohort"].pk])
    page = client.get(url, {"tab": "sdg"}).content.decode()
    assert "?tab=sdg&amp;export=xlsx" in page
    assert "?tab=sdg&amp;export=csv" in page
