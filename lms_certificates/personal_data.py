"""A learner's certificates and final-project marks: their copy, and their
anonymisation (see ``lms_courses.personal_data``)."""

from collections.abc import Callable

from django.urls import reverse

from .models import Certificate, ProjectCompletion


def records_of(user, *, absolute_url: Callable[[str], str] = str) -> dict:
    """Certificates and final-project marks (two queries). ``absolute_url`` turns a
    path into a full address (``request.build_absolute_uri``)."""
    certificates = Certificate.objects.for_user(user).order_by("issued_at", "pk")
    projects = (
        ProjectCompletion.objects.filter(user=user)
        .select_related("rule__cohort", "rule__course")
        .order_by("marked_at", "pk")
    )
    return {
        "certificates": [
            {
                "code": certificate.display_code,
                "verify_url": absolute_url(
                    reverse("certificates:verify_code", args=[certificate.display_code])
                ),
                "holder_name": certificate.holder_name,
                "programme": certificate.programme_title,
                "cohort": certificate.cohort_title,
                "from": certificate.starts_on,
                "to": certificate.ends_on,
                "issued_at": certificate.issued_at,
                "status": "revoked" if certificate.is_revoked else "valid",
                "revoked_at": certificate.revoked_at,
            }
            for certificate in certificates
        ],
        "final_projects": [
            {
                "programme": _programme(project.rule),
                "project": project.rule.project_label,
                "note": project.note,
                "marked_at": project.marked_at,
            }
            for project in projects
        ],
    }


def anonymise(user, placeholder) -> None:
    """A final-project mark still counts, under the placeholder. Certificates are
    left to their ``on_delete=SET_NULL``: verifiable under the name they were issued
    in, and no longer tied to an account."""
    ProjectCompletion.objects.filter(user=user).update(user=placeholder, note="")


def _programme(rule) -> str:
    if rule.programme_name:
        return rule.programme_name
    if rule.cohort_id:
        return rule.cohort.name
    return rule.course.title if rule.course_id else ""
