"""A volunteer's record in the union: their copy, and their anonymisation (see
``lms_courses.personal_data``)."""

from .models import (
    HoursEntry,
    QualificationGrant,
    ServiceLetter,
    SignUp,
    StatusChange,
    Volunteer,
)

# What a volunteer wrote about themselves; gone with their account.
PERSONAL_FIELDS = {
    "languages": "",
    "phone": "",
    "skills": "",
    "availability": "",
    "motivation": "",
}


def records_of(user) -> dict:
    """The application, its history, pledges, qualifications, shifts, hours and
    letters of service (seven queries)."""
    volunteer = (
        Volunteer.objects.filter(user=user)
        .select_related("department")
        .prefetch_related(
            "status_changes",
            "pledges_accepted__pledge",
            "qualifications__qualification",
            "letters",
        )
        .first()
    )
    if volunteer is None:
        return {"volunteer": None}
    return {
        "volunteer": {
            "status": volunteer.status,
            "status_label": str(volunteer.get_status_display()),
            "applied_at": volunteer.applied_at,
            "fast_tracked": volunteer.fast_tracked,
            "languages": volunteer.languages,
            "skills": volunteer.skills,
            "availability": volunteer.availability,
            "department": volunteer.department.title if volunteer.department else None,
            "motivation": volunteer.motivation,
            "history": [
                {
                    "from": change.from_status,
                    "to": change.to_status,
                    "at": change.changed_at,
                    "reason": change.reason,
                }
                for change in volunteer.status_changes.all()
            ],
            "pledges": [
                {
                    "pledge": str(acceptance.pledge),
                    "accepted_at": acceptance.accepted_at,
                }
                for acceptance in volunteer.pledges_accepted.all()
            ],
            "qualifications": [
                {
                    "qualification": str(grant.qualification),
                    "source": grant.source,
                    "granted_at": grant.granted_at,
                    "expires_at": grant.expires_at,
                }
                for grant in volunteer.qualifications.all()
            ],
            "phone": volunteer.phone,
            "shifts": [
                {
                    "shift": sign_up.shift.translated_title,
                    "place": sign_up.shift.place,
                    "starts_at": sign_up.shift.starts_at,
                    "status": sign_up.status,
                    "signed_up_at": sign_up.signed_up_at,
                    "came": sign_up.attended,
                }
                for sign_up in SignUp.objects.filter(volunteer=volunteer)
                .select_related("shift")
                .order_by("signed_up_at")
            ],
            "hours": [
                {
                    "date": entry.worked_on,
                    "hours": entry.hours,
                    "source": entry.source,
                    "status": entry.status,
                    "description": entry.description,
                    "note": entry.decision_note,
                }
                for entry in HoursEntry.objects.filter(volunteer=volunteer)
            ],
            "letters_of_service": [
                {
                    "code": letter.display_code,
                    "issued_at": letter.issued_at,
                    "hours": letter.total_hours,
                    "revoked_at": letter.revoked_at,
                }
                for letter in volunteer.letters.all()
            ],
        }
    }


def anonymise(user, placeholder) -> None:
    """The record stays under the placeholder, so the union's counts still add up;
    what the volunteer wrote and the reasons staff gave about them go."""
    StatusChange.objects.filter(volunteer__user=user).update(reason="")
    StatusChange.objects.filter(changed_by=user).update(changed_by=placeholder)
    # A grant by hand keeps that it had a reason (a constraint), not what it said.
    grants = QualificationGrant.objects.filter(volunteer__user=user)
    grants.filter(source=QualificationGrant.Source.HAND).update(reason="—")
    grants.exclude(source=QualificationGrant.Source.HAND).update(reason="")
    QualificationGrant.objects.filter(granted_by=user).update(granted_by=placeholder)
    # Hours stay in the union's totals; what was written about them goes (a rejection
    # keeps that it had a reason, a constraint, not what it said).
    hours = HoursEntry.objects.filter(volunteer__user=user)
    hours.update(description="")
    hours.exclude(decision_note="").update(decision_note="—")
    HoursEntry.objects.filter(decided_by=user).update(decided_by=placeholder)
    # A letter names its holder on a public page: it goes with them.
    ServiceLetter.objects.filter(volunteer__user=user).delete()
    ServiceLetter.objects.filter(revoked_by=user).update(revoked_by=placeholder)
    SignUp.objects.filter(attendance_confirmed_by=user).update(
        attendance_confirmed_by=placeholder
    )
    Volunteer.objects.filter(user=user).update(user=placeholder, **PERSONAL_FIELDS)
