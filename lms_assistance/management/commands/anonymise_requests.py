"""Remove the personal details of requests closed long enough ago, and of old bookings.

    manage.py anonymise_requests [--dry-run]

The scheduler runs it every night (``lms_assistance.jobs.anonymise_due_requests``); how
long closed requests are kept is ``LMS_ASSISTANCE_RETENTION_MONTHS`` (default 12).
It names requests by their reference only, never by anything it removes.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lms_assistance import retention


class Command(BaseCommand):
    help = (
        "Anonymise the requests closed more than LMS_ASSISTANCE_RETENTION_MONTHS "
        "ago, and the bookings of drive slots as old."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be anonymised, and change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        report = retention.run(dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        for outcome in report.requests:
            if outcome.failed:
                self.stderr.write(
                    f"{outcome.reference} left at stage 1, to retry on the next run: "
                    f"{outcome.error}"
                )
            elif outcome.reached_stage:
                self.stdout.write(f"{verb} {_describe(outcome)}")
        cutoff = f"{timezone.localtime(report.cutoff):%Y-%m-%d}"
        if report.bookings:
            self.stdout.write(
                f"{verb} {report.bookings} booking(s) of drive slots that ended "
                f"before {cutoff}."
            )
        done = len(report.finished)
        if dry_run:
            self.stdout.write(
                f"Dry run: {done} request(s) closed before {cutoff} and "
                f"{report.bookings} booking(s) would be anonymised; nothing changed."
            )
        else:
            self.stdout.write(
                f"{done} request(s) closed before {cutoff} and {report.bookings} "
                "booking(s) anonymised."
            )
        if report.failures:
            raise CommandError(
                f"{len(report.failures)} request(s) could not be finished; "
                "the next run retries them."
            )


def _describe(outcome: retention.RequestOutcome) -> str:
    closed = f"{timezone.localtime(outcome.closed_at):%Y-%m-%d}"
    stages = []
    if outcome.from_stage == 0:
        stages.append("stage 1 names and ids")
    stages.append(
        f"stage 2 {outcome.notes} note(s), {outcome.documents} document(s) "
        f"(files deleted), {outcome.deliveries} delivery(ies), "
        f"{outcome.grants} access grant(s)"
    )
    return f"{outcome.reference} (closed {closed}): {'; '.join(stages)}."
