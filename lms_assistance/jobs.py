"""Background work of the assistance desk: the nightly retention run."""

from django_tasks import task

from . import retention


@task()
def anonymise_due_requests() -> dict[str, int]:
    """Daily: remove the personal details of requests closed more than
    ``LMS_ASSISTANCE_RETENTION_MONTHS`` ago, and of bookings as old."""
    report = retention.run()
    return {
        "requests": len(report.finished),
        "bookings": report.bookings,
        "failed": len(report.failures),
    }
