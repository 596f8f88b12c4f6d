"""An applicant's applications: their copy, and their anonymisation (see
``lms_courses.personal_data``)."""

from .models import Application, Interview, Review, StatusChange

# Once the School has decided, the applicant's copy includes what the reviewers and
# interviewers wrote about them: an access request covers opinions about a person.
# While the selection is still open it stays back, so that the download cannot turn
# into a look at the jury's work in progress; the reviewers' names never go out,
# since they are the reviewers' personal data.
DECIDED = {
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.REJECTED,
    Application.Status.WITHDRAWN,
}
# What an applicant wrote about themselves; gone with their account.
PERSONAL_FIELDS = {
    "university": "",
    "languages": "",
    "year": None,
    "motivation": "",
    "proposal_title": "",
    "proposal": "",
}


def records_of(user) -> dict:
    """Every application with its interview and history (four queries)."""
    applications = (
        Application.objects.for_user(user)
        .select_related("cohort", "interview")
        .prefetch_related("reviews", "history")
        .order_by("created_at", "pk")
    )
    return {"applications": [_application(a) for a in applications]}


def anonymise(user, placeholder) -> None:
    """A draft goes; a sent application stays, emptied of what the applicant and the
    jury wrote, so that places taken and the scores of the call still add up."""
    Application.objects.filter(applicant=user, status=Application.Status.DRAFT).delete()
    Review.objects.filter(application__applicant=user).update(comments="")
    Interview.objects.filter(application__applicant=user).update(notes="")
    StatusChange.objects.filter(application__applicant=user).update(note="")
    Application.objects.filter(applicant=user).update(
        applicant=placeholder, **PERSONAL_FIELDS
    )
    # A reviewer's scores are part of a decision that stays on record.
    Review.objects.filter(reviewer=user).update(reviewer=placeholder)


def _application(application: Application) -> dict:
    decided = application.status in DECIDED
    interview = getattr(application, "interview", None)
    record = {
        "cohort": application.cohort.name,
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "field_of_study": application.field_of_study,
        "studying_or_graduated": application.study_status,
        "year": application.year,
        "university": application.university,
        "languages": application.languages,
        "motivation": application.motivation,
        "proposal_title": application.proposal_title,
        "proposal": application.proposal,
        "started_at": application.created_at,
        "last_saved_at": application.updated_at,
        "submitted_at": application.submitted_at,
        "interview": None,
        "history": [
            {
                "from": change.from_status,
                "to": change.to_status,
                "at": change.changed_at,
                **({"note": change.note} if decided else {}),
            }
            for change in application.history.all()
        ],
    }
    if interview is not None:
        record["interview"] = {
            "scheduled_at": interview.scheduled_at,
            "place": interview.place,
            "video_url": interview.video_url,
            **({"score": interview.score, "notes": interview.notes} if decided else {}),
        }
    if decided:
        record["reviews"] = [
            {
                **{name: getattr(review, name) for name in Review.RUBRIC},
                "average": review.average,
                "comments": review.comments,
            }
            for review in application.reviews.all()
        ]
    return record
