"""The learner's certificates, and what each rule still asks, on the dashboard and on
a course page; a course that leads to no certificate says so too."""

from django.db.models import Exists

from lms_courses.dashboard import DashboardPanel
from lms_courses.models import Enrolment
from lms_courses.outline import course_outlines

from .eligibility import standing_of
from .models import Certificate, CertificateRule


class CertificatesPanel(DashboardPanel):
    order = 15
    template_name = "certificates/dashboard/certificates.html"

    @classmethod
    def for_request(cls, request):
        user = request.user
        rules = list(CertificateRule.objects.for_learner(user))
        certificates = list(Certificate.objects.for_user(user).select_related("cohort"))
        uncertified = _courses_without_a_rule(user, rules)
        if not rules and not certificates and not uncertified:
            return None
        panel = cls(request)
        panel.entries = []
        for rule in rules:
            certificate = next((c for c in certificates if _certifies(c, rule)), None)
            if certificate is not None:
                certificates.remove(certificate)
            standing = None if certificate else standing_of(rule, user)
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
        rules = CertificateRule.objects.for_learner(user).covering(key)
        # One query says whether the learner is enrolled and whether a rule covers the
        # course: a course page stays as cheap when it leads to no certificate.
        covered = (
            Enrolment.objects.for_user(user)
            .active()
            .filter(course_key=key)
            .annotate(covered=Exists(rules))
            .values_list("covered", flat=True)
            .first()
        )
        if covered is None:
            return None
        panel = cls(request)
        panel.entries = []
        if covered:
            certificates = list(
                Certificate.objects.for_user(user).select_related("cohort")
            )
            for rule in rules:
                certificate = next(
                    (c for c in certificates if _certifies(c, rule)), None
                )
                standing = None if certificate else standing_of(rule, user)
                panel.entries.append((rule, standing, certificate))
        return panel

    def get_context_data(self) -> dict:
        return {"entries": self.entries}


def _courses_without_a_rule(user, rules) -> list:
    """The learner's courses that no rule of theirs covers (links in their language):
    one query, plus one per cohort rule, whatever the number of courses."""
    keys = list(
        Enrolment.objects.for_user(user).active().values_list("course_key", flat=True)
    )
    covered = {key for rule in rules for key in rule.course_keys()}
    outlines = course_outlines([key for key in keys if key not in covered])
    return [outlines[key].course for key in keys if key in outlines]


def _certifies(certificate: Certificate, rule: CertificateRule) -> bool:
    if rule.cohort_id:
        return certificate.cohort_id == rule.cohort_id
    return certificate.cohort_id is None and certificate.course_key == rule.course_key
