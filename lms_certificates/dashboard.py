"""The learner's certificates, and what each rule still asks, on the dashboard."""

from lms_courses.dashboard import DashboardPanel

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
        if not rules and not certificates:
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
        return panel

    def get_context_data(self) -> dict:
        return {"entries": self.entries}


def _certifies(certificate: Certificate, rule: CertificateRule) -> bool:
    if rule.cohort_id:
        return certificate.cohort_id == rule.cohort_id
    return certificate.cohort_id is None and certificate.course_key == rule.course_key
