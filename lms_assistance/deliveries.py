"""A delivery's chain of custody: an item collected from the service, then handed to
the migrant after an identity check (or returned to the service, with a reason).

Each step locks the request and the delivery, checks the step is allowed now, saves,
and writes one audit entry naming the stage, never the item or the document shown.
Of the recipient's identity document only its kind and at most its last four
characters are kept: a longer entry is refused, not cut, so the whole number is
never stored, nor shown back to the person who typed it.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import DELIVERY_KINDS, AssistanceRequest, Delivery, IdDocumentKind

LAST_CHARACTERS = 4


class DeliveryRefused(Exception):
    """A step the rules refuse; the message is for the person who tried it.

    ``field`` names the form field the message belongs to, if any.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def chain_of(request: AssistanceRequest) -> list[Delivery]:
    """The request's deliveries, oldest first, with the people of each step."""
    return list(
        request.deliveries.select_related(
            "collected_by", "delivered_by", "delivered_with", "returned_by"
        )
    )


def needs_two_people(request: AssistanceRequest) -> bool:
    """Whether the request's desk sends two people to a home visit of its kind."""
    return request.home_visit and request.desk.needs_two_volunteers(request.kind)


def companions(request: AssistanceRequest, by) -> QuerySet:
    """Who may go with ``by`` to a handover: the request's volunteers and its desk's
    staff, ``by`` excepted."""
    people = Q(assistance_desks=request.desk_id)
    volunteers = [pk for pk in (request.assignee_id, request.second_assignee_id) if pk]
    if volunteers:
        people |= Q(pk__in=volunteers)
    return (
        get_user_model()
        .objects.filter(people)
        .exclude(pk=by.pk)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def last_characters(value: str) -> str:
    """The last characters of a document number as typed, spaces and dashes removed;
    refused when longer than four or not letters and digits."""
    cleaned = "".join(value.split()).replace("-", "").upper()
    if len(cleaned) > LAST_CHARACTERS:
        raise DeliveryRefused(
            _(
                "Enter only the last four characters of the document number, "
                "never the whole number."
            ),
            "last_digits",
        )
    if cleaned and not cleaned.isalnum():
        raise DeliveryRefused(
            _("Enter only letters and digits: the last four of the document number."),
            "last_digits",
        )
    return cleaned


def record_collection(
    request: AssistanceRequest, item: str, by, *, http_request=None
) -> Delivery:
    """``by`` collected ``item`` from the service for the request's migrant."""
    item = item.strip()
    if not item:
        raise DeliveryRefused(_("Say what was collected."), "item")
    with transaction.atomic():
        request = _locked_request(request)
        if request.kind not in DELIVERY_KINDS:
            raise DeliveryRefused(
                _("Only document deliveries and humanitarian aid are handed over.")
            )
        if not request.is_open:
            raise DeliveryRefused(
                _("The request is closed: nothing more can be collected for it.")
            )
        delivery = Delivery.objects.create(
            request=request,
            item=item[:200],
            collected_by=by,
            collected_at=timezone.now(),
        )
        _audit(http_request, delivery, request, by)
    return delivery


def record_handover(
    delivery: Delivery,
    by,
    with_,
    id_check_kind: str,
    last_digits: str,
    confirmed: bool,
    *,
    http_request=None,
) -> Delivery:
    """``by`` (with ``with_``, when two go) handed the item to the migrant, who showed
    a document of ``id_check_kind`` and confirmed receiving it."""
    last_digits = last_characters(last_digits or "")
    if id_check_kind not in IdDocumentKind.values:
        raise DeliveryRefused(
            _("Say which document the recipient showed."), "id_check_kind"
        )
    if not confirmed:
        raise DeliveryRefused(
            _(
                "The recipient must confirm receiving the item before it is handed "
                "over."
            ),
            "confirmed",
        )
    with transaction.atomic():
        request = _locked_request(delivery.request)
        delivery = _locked_delivery(delivery)
        _check_still_collected(request, delivery)
        if with_ is None and needs_two_people(request):
            raise DeliveryRefused(
                _(
                    "This desk sends two people to a home visit for this kind of "
                    "help: say who went with you."
                ),
                "delivered_with",
            )
        if with_ is not None and with_.pk == by.pk:
            raise DeliveryRefused(
                _("The second person must be someone else."), "delivered_with"
            )
        if (
            with_ is not None
            and not companions(request, by).filter(pk=with_.pk).exists()
        ):
            raise DeliveryRefused(
                _(
                    "The second person must be the request's other volunteer or a "
                    "member of the desk's staff."
                ),
                "delivered_with",
            )
        delivery.stage = Delivery.Stage.DELIVERED
        delivery.delivered_by = by
        delivery.delivered_with = with_
        delivery.delivered_at = timezone.now()
        delivery.id_check_kind = id_check_kind
        delivery.id_check_last_digits = last_digits
        delivery.recipient_confirmed = True
        delivery.save()
        _audit(http_request, delivery, request, by)
    return delivery


def record_return(
    delivery: Delivery, by, reason: str, *, http_request=None
) -> Delivery:
    """``by`` took the item back to the service, for ``reason``."""
    reason = reason.strip()
    if not reason:
        raise DeliveryRefused(_("Say why the item goes back."), "reason")
    with transaction.atomic():
        request = _locked_request(delivery.request)
        delivery = _locked_delivery(delivery)
        _check_still_collected(request, delivery)
        delivery.stage = Delivery.Stage.RETURNED
        delivery.returned_reason = reason[:500]
        delivery.returned_by = by
        delivery.returned_at = timezone.now()
        delivery.save()
        _audit(http_request, delivery, request, by)
    return delivery


def _locked_request(request: AssistanceRequest) -> AssistanceRequest:
    return (
        AssistanceRequest.objects.select_for_update()
        .select_related("desk")
        .get(pk=request.pk)
    )


def _locked_delivery(delivery: Delivery) -> Delivery:
    return Delivery.objects.select_for_update().get(pk=delivery.pk)


def _check_still_collected(request: AssistanceRequest, delivery: Delivery) -> None:
    if delivery.stage != Delivery.Stage.COLLECTED:
        raise DeliveryRefused(
            _("This item is no longer waiting: it was already delivered or returned.")
        )
    if not request.is_open:
        raise DeliveryRefused(_("The request is closed."))


def _audit(http_request, delivery: Delivery, request: AssistanceRequest, by) -> None:
    audit.record(
        http_request,
        audit.Action.CHANGE,
        reference=request.reference,
        target=f"delivery {delivery.pk}",
        detail={"stage": delivery.stage},
        actor=by,
    )
