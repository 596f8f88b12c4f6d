"""No signed-in page of any role is wider than a 360 px phone: wide tables stack into
cards or scroll inside their own box, long codes and addresses wrap."""

import pytest

from demo import content as demo
from tests.browser.conftest import log_in
from tests.browser.walk import COURSE, LESSON, QUIZ

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
PASSWORDS = {email: password for _key, email, password, *_rest in demo.ACCOUNTS}
EMAILS = {key: email for key, email, *_rest in demo.ACCOUNTS}
EMAILS["graduate"] = demo.GRADUATE[0]
PASSWORDS[demo.GRADUATE[0]] = demo.GRADUATE_PASSWORD

# The elements that stick out of the screen, outermost first, each with the chain of
# tags and classes that leads to it, so a failure names what to fix. What a box that
# scrolls holds is reachable; what a box with hidden overflow cuts off is not (the
# Wagtail admin's content area hides it), so that counts too.
STICKING_OUT = """(limit) => {
  const path = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.body;
         node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) part += "#" + node.id;
      for (const name of node.classList) part += "." + name;
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const right = (element) => element.getBoundingClientRect().right + window.scrollX;
  const sticksOut = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && right(element) > limit + 0.5;
  };
  const insideScrollingBox = (element) => {
    for (let node = element.parentElement; node && node !== document.body;
         node = node.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(node).overflowX)) return true;
    }
    return false;
  };
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!sticksOut(element) || insideScrollingBox(element)) continue;
    const parent = element.parentElement;
    if (parent && parent !== document.body && sticksOut(parent)) continue;
    found.push(`${path(element)} (${Math.round(right(element))} px)`);
  }
  return found.slice(0, 5);
}"""


def signed_in_pages(role: str) -> list[str]:
    """The paths (without a language) of the pages this role works in, from the demo."""
    from lms_assistance.models import AssistanceRequest, Drive
    from lms_certificates.codes import display
    from lms_certificates.models import Certificate
    from lms_cohorts.models import Cohort
    from lms_live.models import LiveSession
    from lms_quizzes.models import Attempt
    from lms_volunteers.models import ServiceLetter, Shift

    email = EMAILS[role]
    classroom = f"/live/{LiveSession.objects.order_by('pk').first().pk}/"
    if role in ("student", "graduate"):
        pages = ["/dashboard/", "/accounts/profile/", COURSE, LESSON, QUIZ]
        attempt = Attempt.objects.filter(user__email=email).order_by("-pk").first()
        if attempt:
            pages += [
                f"/learning/quizzes/attempts/{attempt.pk}/",
                f"/learning/quizzes/attempts/{attempt.pk}/result/",
            ]
        certificate = Certificate.objects.filter(user__email=email).first()
        if certificate:
            pages.append(f"/certificates/verify/{display(certificate.code)}/")
        return pages + ["/certificates/verify/", classroom]
    if role == "volunteer":
        shift = Shift.objects.filter(sign_ups__volunteer__user__email=email).first()
        return [
            "/dashboard/",
            "/volunteers/me/",
            "/volunteers/me/shifts/",
            "/volunteers/me/hours/",
            f"/volunteers/shifts/{shift.pk}/",
        ]
    if role == "union staff":
        led = Shift.objects.filter(lead__email=email, sign_ups__isnull=False)
        shift = led.order_by("-starts_at").distinct().first()
        letter = ServiceLetter.objects.order_by("pk").first()
        return [
            "/dashboard/",
            f"/volunteers/shifts/{shift.pk}/",
            f"/volunteers/shifts/{shift.pk}/attendance/",
            f"/certificates/verify/{letter.display_code}/",
        ]
    if role == "desk staff":
        request = (
            AssistanceRequest.objects.filter(consent_given=True, notes__isnull=False)
            .order_by("pk")
            .first()
        )
        drive = Drive.objects.order_by("pk").first()
        return [
            "/dashboard/",
            "/desk/",
            f"/desk/r/{request.reference}/",
            "/desk/new/",
            "/desk/drives/",
            f"/desk/drives/{drive.pk}/",
            "/desk/impact/",
        ]
    if role == "dpo":
        return ["/dashboard/", "/desk/audit/"]
    if role in ("trainer", "coordinator"):
        cohort = Cohort.objects.order_by("pk").first().pk
        insights = [
            f"/admin/insights/{cohort}/{view}"
            for view in ("", "coverage/", "mastery/", "charts/", "programme/")
        ]
        return ["/dashboard/", classroom, "/admin/insights/", *insights]
    return ["/dashboard/"]


def overflowing_pages(page, base_url: str, paths: list[str], language: str) -> dict:
    found = {}
    for path in paths:
        url = path if path.startswith("/admin/") else f"/{language}{path}"
        response = page.goto(base_url + url)
        assert response.ok, f"{url}: {response.status}"
        width = page.evaluate("document.documentElement.scrollWidth")
        sticking_out = page.evaluate(STICKING_OUT, PHONE["width"])
        if width > PHONE["width"] or sticking_out:
            found[url] = (width, sticking_out)
    return found


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="az")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    "role",
    [
        "student",
        "graduate",
        "volunteer",
        "union staff",
        "desk staff",
        "dpo",
        "trainer",
        "coordinator",
        "admin",
    ],
)
def test_no_page_of_a_role_is_wider_than_a_360_pixel_phone(demo_site, phone, orm, role):
    email = EMAILS[role]
    log_in(phone, demo_site.url, email, PASSWORDS[email])
    paths = signed_in_pages(role)
    assert overflowing_pages(phone, demo_site.url, paths, "az") == {}


@pytest.mark.parametrize(
    ("role", "path"), [("student", "/dashboard/"), ("desk staff", "/desk/")]
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_longer_words_of_english_and_russian_fit_a_360_pixel_phone(
    demo_site, phone, orm, role, path, language
):
    email = EMAILS[role]
    log_in(phone, demo_site.url, email, PASSWORDS[email], language=language)
    assert overflowing_pages(phone, demo_site.url, [path], language) == {}


def test_public_pages_fit_a_360_pixel_phone(demo_site, phone):
    paths = ["/", "/courses/", COURSE, "/apply/", "/certificates/verify/"]
    assert overflowing_pages(phone, demo_site.url, paths, "az") == {}
