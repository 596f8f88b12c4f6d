"""The Migration Volunteers union: its pages, its volunteers and their
qualifications, pledges, shifts, hours and letters of service, one module per subject.

The subject modules import one another directly, never through this package, so the
imports below work in any order. ``pages`` calls ``lms_volunteers.shifts``, which
imports ``members``, ``qualifications`` and ``shifts`` (and ``lms_volunteers.pipeline``)
but never ``pages``; Django imports this package before any other volunteers module.
"""

from .hours import HoursEntry
from .letters import ServiceLetter
from .members import StatusChange, Volunteer, VolunteerStatus
from .pages import DepartmentPage, ProjectPage, VolunteersIndexPage
from .pledges import Pledge, PledgeAcceptance
from .qualifications import Qualification, QualificationGrant
from .shifts import Shift, SignUp

__all__ = [
    "DepartmentPage",
    "HoursEntry",
    "Pledge",
    "PledgeAcceptance",
    "ProjectPage",
    "Qualification",
    "QualificationGrant",
    "ServiceLetter",
    "Shift",
    "SignUp",
    "StatusChange",
    "Volunteer",
    "VolunteerStatus",
    "VolunteersIndexPage",
]
