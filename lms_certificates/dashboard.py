"""The learner's certificates, and what each rule still asks, on the dashboard and on
a course page; a course that leads to no certificate says so too."""

from django.db.models import Exists, OuterRef

from lms_cohorts.learners import accepted_cohort_ids
from lms_courses.dashboard import DashboardPanel
from lms_courses.navigation import roles_of
from lms_courses.outline import course_outlines
from lms_courses.progress import active_course_keys, learner_enrolments
from lms_toolkit.page_cache import remembered

from .eligibility import course_keys_of, learner_standing
from .models import Certificate, CertificateRule


class CertificatesPanel(DashboardPanel):
    order = 15
    template_name = "certificates/dashboard/certificates.html"

    @classmethod
    def for_request(cls, request):
        user = request.user
        rules = _rules_of_learner(user, every_rule())
        certificates = []
        if "certificate_holder" in roles_of(request):  # the roles are kept
            certificates = list(
                Certificate.objects.for_user(user).select_related("cohort")
            )
        uncertified = _courses_without_a_rule(user, rules)
        if not rules and not certificates and not uncertified:
            return None
        panel = cls(request)
        panel.entries = []
        for rule in rules:
            certificate = next((c for c in certificates if _certifies(c, rule)), None)
            if certificate is not None:
                certificates.remove(certificate)
            standing = None if certificate else learner_standing(rule, user)
            panel.entries.append((rule, standing, certificate))
        # Issued by hand, or under a rule that no longer exists.
        panel.entries += [(None, None, certificate) for certificate in certificates]
        panel.uncertified = uncertified
        return panel

    def get_context_data(self) -> dict:
        return {"entries": self.entries, "uncertified": self.uncertified}


class CourseCertificatePanel(DashboardPanel):
    """On a course page, for its enrolled learner: the certificate it leads to and
    what is left to earn it, or that it leads to none."""

    order = 5
    template_name = "certificates/course_panel.html"

    @classmethod
    def for_request(cls, request, course):
        user = request.user
        if not user.is_authenticated:
            return None
        key = course.translation_key
        enrolments = learner_enrolments(user)  # read once per request
        if not any(e.course_key == key and e.is_active for e in enrolments):
            return None
        rules = _rules_of_learner(user, rules_covering(key))
        panel = cls(request)
        panel.entries = []
        certificates = []
        if rules and "certificate_holder" in roles_of(request):
            certificates = list(
                Certificate.objects.for_user(user).select_related("cohort")
            )
        for rule in rules:
            certificate = next((c for c in certificates if _certifies(c, rule)), None)
            standing = None if certificate else learner_standing(rule, user)
            panel.entries.append((rule, standing, certificate))
        return panel

    def get_context_data(self) -> dict:
        return {"entries": self.entries}


def every_rule() -> list[CertificateRule]:
    """The School's certificate rules (one per cohort or course: a few dozen), with
    their cohort and course: kept with the pages (a rule, a cohort or its curriculum
    saved, a page published, starts a new generation)."""
    return remembered(
        "certificate-rules",
        lambda: list(
            CertificateRule.objects.select_related("cohort", "course").order_by("pk")
        ),
    )


def rules_covering(course_key) -> list[CertificateRule]:
    """The rules whose programme includes the course (as ``covering`` says)."""
    return [rule for rule in every_rule() if course_key in course_keys_of(rule)]


def _rules_of_learner(user, rules: list[CertificateRule]) -> list[CertificateRule]:
    """Those of ``rules`` that apply to ``user`` (as ``for_learner`` says): no query
    for their courses (read once per request) nor, when they never applied, for
    their cohorts."""
    if not user.is_authenticated:
        return []
    courses = set(active_course_keys(user))
    return [
        rule
        for rule in rules
        if rule.course_key in courses
        or (rule.cohort_id and rule.cohort_id in accepted_cohort_ids(user))
    ]


def _courses_without_a_rule(user, rules) -> list:
    """The learner's courses that no rule of theirs covers (links in their language):
    no query of its own (the enrolments are read once per request, the rules' courses
    kept with the pages), whatever the number of courses."""
    keys = active_course_keys(user)
    covered = {key for rule in rules for key in course_keys_of(rule)}
    outlines = course_outlines([key for key in keys if key not in covered])
    return [outlines[key].course for key in keys if key in outlines]


def certificate_roles(user) -> dict:
    """A graduate holds a valid certificate of a cohort (the union invites them); a
    holder, any certificate, revoked ones included (the dashboard lists them)."""
    return {
        "certificate_holder": Exists(Certificate.objects.filter(user=OuterRef("pk"))),
        "graduate": Exists(
            Certificate.objects.valid().filter(
                user=OuterRef("pk"), cohort__isnull=False
            )
        ),
    }


def _certifies(certificate: Certificate, rule: CertificateRule) -> bool:
    if rule.cohort_id:
        return certificate.cohort_id == rule.cohort_id
    return certificate.cohort_id is None and certificate.course_key == rule.course_key
