"""The dashboard lists a student's courses; other apps add panels through a hook."""

import pytest
from wagtail import hooks

from lms_courses.dashboard import HOOK_NAME, DashboardPanel
from tests.conftest import enrol

pytestmark = pytest.mark.django_db


def test_dashboard_needs_a_signed_in_learner(client):
    response = client.get("/az/dashboard/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_dashboard_lists_courses_with_progress_and_the_next_lesson(
    client, school, student
):
    enrol(student, school["course"])
    client.force_login(student)
    client.post(f"/az/learning/lessons/{school['lessons'][0].pk}/complete/")
    response = client.get("/en/dashboard/")
    content = response.content.decode()
    assert "Border management" in content
    assert "1 of 3 steps done (33%)" in content
    assert f'href="{school["lessons"][1].url}"' in content


def test_withdrawn_courses_leave_the_dashboard(client, school, student):
    enrol(student, school["course"], status="withdrawn")
    client.force_login(student)
    content = client.get("/en/dashboard/").content.decode()
    assert "You are not enrolled in any course yet." in content


class UpcomingSessionsPanel(DashboardPanel):
    order = 20
    template_name = "courses/refused.html"

    def render_html(self):
        return "<section id='upcoming'>Live class tomorrow</section>"


def test_other_apps_add_panels_through_a_hook(client, student):
    client.force_login(student)
    with hooks.register_temporarily(HOOK_NAME, UpcomingSessionsPanel):
        content = client.get("/en/dashboard/").content.decode()
    assert "Live class tomorrow" in content
    assert content.index("My courses") < content.index("Live class tomorrow")
