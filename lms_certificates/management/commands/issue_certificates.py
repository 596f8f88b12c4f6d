"""Issue every certificate that is due, and list those whose holders no longer qualify.

    manage.py issue_certificates [--cohort N] [--course KEY]

Run it after changing a rule or the curriculum; the scheduler runs it every night.
It never revokes: a coordinator reviews the certificates it lists and decides.
"""

from django.core.management.base import BaseCommand, CommandError

from lms_certificates.issuing import issue_due, no_longer_met
from lms_certificates.models import CertificateRule


class Command(BaseCommand):
    help = "Issue the certificates that are due under every rule (or one cohort's)."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, help="Only this cohort (its id).")
        parser.add_argument("--course", help="Only this course (its translation key).")

    def handle(self, *args, cohort=None, course=None, **options):
        rules = CertificateRule.objects.select_related("cohort", "course")
        if cohort:
            rules = rules.filter(cohort_id=cohort)
        if course:
            rules = rules.filter(course_key=course)
        if (cohort or course) and not rules.exists():
            raise CommandError("No certificate rule for that cohort or course.")
        for rule in rules:
            issued = issue_due(rule)
            self.stdout.write(f"{rule}: {len(issued)} certificate(s) issued.")
            for certificate in no_longer_met(rule):
                self.stdout.write(
                    f"  no longer meets the rule: {certificate.holder_name} "
                    f"({certificate.display_code}); revoke it in the admin if needed."
                )
