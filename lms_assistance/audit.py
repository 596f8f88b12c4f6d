"""The audit log: one append-only entry for every view, list, change, export and
download of the desk's requests, and the data-protection officer's two questions.

Every response that shows a request's contents writes exactly one entry, the pages
that re-show a request beside a refused form included. A list or an export writes
one entry for the whole page, naming what it showed. An action that succeeds writes
its own entry and redirects; the page shown after the redirect is another read, and
writes another.
"""

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


def record_list(
    http_request,
    action: str,
    references: list[str],
    *,
    target: str,
    filters: dict | None = None,
) -> AuditEntry:
    """One entry for one page or export that showed requests: it names the
    references shown and the filter that chose them, so that "who saw this
    request" finds the lists too, without a row per request per view."""
    return record(
        http_request,
        action,
        target=target,
        detail={**(filters or {}), "listed": list(references)},
    )


def who_saw(reference: str) -> QuerySet:
    """Every entry about one request: who viewed, listed, changed or downloaded it."""
    return AuditEntry.objects.about(reference)


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
