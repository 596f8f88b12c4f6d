"""The audit log: one append-only entry for every view, list, change, export and
download of the desk's requests, and the data-protection officer's two questions."""

from django.db.models import QuerySet

from .models import AuditAction, AuditEntry

Action = AuditAction


def record(
    http_request,
    action: str,
    *,
    reference: str = "",
    target: str = "",
    detail: dict | None = None,
    actor=None,
) -> AuditEntry:
    """Write one entry for what ``http_request``'s user (or ``actor``) just did.

    ``detail`` names fields and states, never a migrant's details: the log outlives
    the anonymisation of the request it speaks of.
    """
    user = actor if actor is not None else getattr(http_request, "user", None)
    return AuditEntry.objects.create(
        actor_id=user.pk if user is not None and user.is_authenticated else None,
        actor_label=_label(user),
        action=action,
        reference=reference,
        target=target[:200],
        detail=detail or {},
        address=_address(http_request),
        path=http_request.get_full_path()[:300] if http_request is not None else "",
    )


def record_many(http_request, action: str, references: list[str], **kwargs) -> None:
    """One entry per request shown, so that "who saw this request" finds lists too."""
    user = getattr(http_request, "user", None)
    common = {
        "actor_id": user.pk if user is not None and user.is_authenticated else None,
        "actor_label": _label(user),
        "action": action,
        "target": kwargs.get("target", "")[:200],
        "detail": kwargs.get("detail") or {},
        "address": _address(http_request),
        "path": http_request.get_full_path()[:300],
    }
    if not references:
        AuditEntry.objects.create(reference="", **common)
        return
    AuditEntry.objects.bulk_create(
        [AuditEntry(reference=reference, **common) for reference in references]
    )


def who_saw(reference: str) -> QuerySet:
    """Every entry about one request: who viewed, listed, changed or downloaded it."""
    return AuditEntry.objects.filter(reference=reference)


def what_user_saw(user_id: int) -> QuerySet:
    """Every entry of one person's doings on the desk."""
    return AuditEntry.objects.filter(actor_id=user_id)


def _label(user) -> str:
    if user is None:
        return "system"
    if not user.is_authenticated:
        return "anonymous"
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{name} <{user.email}>" if name else str(user.email or user.pk)


def _address(http_request) -> str | None:
    if http_request is None:
        return None
    return http_request.META.get("REMOTE_ADDR") or None
