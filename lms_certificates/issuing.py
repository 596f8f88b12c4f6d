"""Issuing, revoking and reinstating certificates; every action goes to the audit log.

Issuing is idempotent: the database allows one certificate per learner and cohort (or
course), so two workers evaluating the same learner at once leave one certificate.
Nothing here removes a certificate because a learner no longer meets the rule: a
coordinator decides that, by revoking it with a reason.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from lms_background.mail import send_email
from lms_courses.models import CurriculumPageGCMObjective, CurriculumPageSDG, Enrolment

from .eligibility import Standing, programme_of, standings
from .models import Certificate, CertificateRule


def issue_due(rule: CertificateRule, users=None) -> list[Certificate]:
    """Issue the certificates of everyone in ``users`` (default: all candidates) who
    meets ``rule`` and has none yet. Returns the new certificates."""
    found = standings(rule, users)
    met = [user_id for user_id, standing in found.items() if standing.met]
    have = set(
        certificates_of(rule).filter(user_id__in=met).values_list("user_id", flat=True)
    )
    due = [user_id for user_id in met if user_id not in have]
    if not due:
        return []
    snapshot = _snapshot(rule)
    issued = []
    for user in get_user_model().objects.filter(pk__in=due):
        certificate, created = _issue(rule, user, snapshot)
        if created:
            issued.append(certificate)
    return issued


def issue_for_learner(user) -> list[Certificate]:
    """Check every rule that applies to ``user`` after something they did."""
    users = get_user_model().objects.filter(pk=user.pk)
    issued = []
    for rule in CertificateRule.objects.for_learner(user):
        issued += issue_due(rule, users)
    return issued


def issue_by_hand(rule: CertificateRule, user, *, by, reason: str) -> Certificate:
    """A coordinator's decision to issue, whatever the rule says; ``reason`` is kept."""
    certificate, created = _issue(rule, user, _snapshot(rule), by=by, reason=reason)
    if not created:
        raise ValueError("The learner already has this certificate.")
    return certificate


def no_longer_met(rule: CertificateRule) -> list[Certificate]:
    """Valid certificates whose holders no longer meet the rule, for a coordinator to
    review (after a quiz was regraded or attendance corrected)."""
    # Certificates issued by hand were a coordinator's decision, not the rule's.
    certificates = list(certificates_of(rule).valid().filter(issued_by__isnull=True))
    if not certificates:
        return []
    users = get_user_model().objects.filter(pk__in=[c.user_id for c in certificates])
    found: dict[int, Standing] = standings(rule, users)
    return [c for c in certificates if c.user_id in found and not found[c.user_id].met]


def certificates_of(rule: CertificateRule):
    """The certificates issued under ``rule``: its cohort's, or its course's."""
    if rule.cohort_id:
        return Certificate.objects.filter(cohort_id=rule.cohort_id)
    return Certificate.objects.filter(cohort__isnull=True, course_key=rule.course_key)


def revoke(certificate: Certificate, *, by, reason: str) -> Certificate:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            return certificate
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        certificate.revoke_reason = reason
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        log(certificate, "certificates.revoke", user=by, data={"reason": reason})
    return certificate


def reinstate(certificate: Certificate, *, by, reason: str) -> Certificate:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not certificate.is_revoked:
            return certificate
        certificate.revoked_at = None
        certificate.revoked_by = None
        certificate.revoke_reason = ""
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        log(certificate, "certificates.reinstate", user=by, data={"reason": reason})
    return certificate


def _issue(rule, user, snapshot: dict, *, by=None, reason="") -> tuple:
    now = timezone.now()
    starts_on, ends_on = snapshot["starts_on"], snapshot["ends_on"]
    if not rule.cohort_id:
        enrolled = (
            Enrolment.objects.filter(user=user, course_key=rule.course_key)
            .values_list("enrolled_at", flat=True)
            .first()
        )
        starts_on, ends_on = (enrolled or now).date(), timezone.localdate(now)
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user,
                cohort_id=rule.cohort_id,
                course_key=rule.course_key if not rule.cohort_id else None,
                holder_name=_holder_name(user),
                programme=snapshot["programme"],
                cohort_name=snapshot["cohort_name"],
                topics=snapshot["topics"],
                signatories=snapshot["signatories"],
                starts_on=starts_on,
                ends_on=ends_on,
                issued_at=now,
                issued_by=by,
                issue_reason=reason,
            )
            action = "certificates.issue_by_hand" if by else "certificates.issue"
            log(certificate, action, user=by, data={"reason": reason})
            send_email(user, "certificates/email/issued", {"certificate": certificate})
    except IntegrityError:  # another worker issued it first
        return certificates_of(rule).get(user=user), False
    return certificate, True


def _snapshot(rule: CertificateRule) -> dict:
    """What every certificate of ``rule`` prints, in each language of the content."""
    languages = list(Locale.objects.values_list("language_code", flat=True))
    keys = rule.course_keys()
    if rule.programme_name:
        programme = dict.fromkeys(languages, rule.programme_name)
    else:
        titles = _titles(keys)
        programme = {
            language: ", ".join(
                titles.get((key, language)) or titles.get((key, None), "")
                for key in keys
            )
            for language in languages
        }
    cohort_name = {}
    if rule.cohort_id:
        for language in languages:
            with translation.override(language):
                cohort_name[language] = rule.cohort.name
    starts_on = rule.cohort.starts_on if rule.cohort_id else None
    ends_on = rule.cohort.ends_on if rule.cohort_id else None
    return {
        "programme": programme,
        "cohort_name": cohort_name,
        "topics": _topics(rule),
        "signatories": rule.signatory_lines(),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


def _titles(keys: list) -> dict:
    """{(key, language): title} of every translation, and {(key, None): original}."""
    titles: dict = {}
    pages = Page.objects.filter(translation_key__in=keys).order_by("pk")
    for key, language, title in pages.values_list(
        "translation_key", "locale__language_code", "title"
    ):
        titles.setdefault((key, None), title)
        titles[(key, language)] = title
    return titles


def _topics(rule: CertificateRule) -> list[str]:
    """The GCM objectives and SDGs the programme teaches: "GCM 11", "SDG 10", …"""
    programme = programme_of(rule)
    keys = set(programme.course_keys) | set(programme.module_lessons)
    for lessons in programme.module_lessons.values():
        keys |= lessons
    keys |= set(programme.quiz_keys)
    gcm = CurriculumPageGCMObjective.objects.filter(
        content_object__translation_key__in=keys
    ).values_list("tag__number", flat=True)
    sdg = CurriculumPageSDG.objects.filter(
        content_object__translation_key__in=keys
    ).values_list("tag__number", flat=True)
    return [f"GCM {n}" for n in sorted(set(gcm))] + [
        f"SDG {n}" for n in sorted(set(sdg))
    ]


def _holder_name(user) -> str:
    # Two names of the longest the user model allows are one letter too many.
    limit = Certificate._meta.get_field("holder_name").max_length
    return (user.get_full_name() or user.email.split("@")[0])[:limit]
