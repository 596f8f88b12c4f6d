"""A request's deliveries: record a collection, then the handover or the return.

Only those who may write to the request (its volunteers while the task is open, its
desk's staff) reach these pages; anyone else, even with a raw POST, gets a 404. Each
page shown writes one audit entry, a refused step's page too.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import access, audit
from ..deliveries import (
    DeliveryRefused,
    companions,
    needs_two_people,
    record_collection,
    record_handover,
    record_return,
)
from ..forms.deliveries import CollectionForm, HandoverForm, ReturnForm
from ..models import DELIVERY_KINDS, AssistanceRequest, Delivery
from . import desk_view, render


@desk_view()
@require_POST
def new_delivery(request, reference: str):
    """/desk/r/<reference>/deliveries/new/: an item was collected from the service."""
    shown = _deliverable(request, reference)
    form = CollectionForm(request.POST)
    if form.is_valid():
        try:
            collected = record_collection(
                shown, form.cleaned_data["item"], request.user, http_request=request
            )
        except DeliveryRefused as refusal:
            _refuse(request, form, refusal)
        else:
            messages.success(request, _("The collection is recorded."))
            return redirect("desk:delivery", reference=shown.reference, pk=collected.pk)
    audit.record(
        request,
        audit.Action.VIEW,
        reference=shown.reference,
        target="collection form",
        detail={"refused": "collection"},
    )
    return render(
        request,
        "assistance/deliveries/new.html",
        {"request_obj": shown, "form": form},
        status=400,
    )


@desk_view()
@require_http_methods(["GET", "POST"])
def delivery(request, reference: str, pk: int):
    """/desk/r/<reference>/deliveries/<pk>/: the chain so far, and the next step."""
    shown = _deliverable(request, reference)
    item = get_object_or_404(
        Delivery.objects.select_related(
            "collected_by", "delivered_by", "delivered_with"
        ),
        request=shown,
        pk=pk,
    )
    forms = {
        "handover_form": HandoverForm(
            companions=companions(shown, request.user),
            needs_two=needs_two_people(shown),
        ),
        "return_form": ReturnForm(),
    }
    if request.method == "POST":
        return _next_step(request, shown, item, forms)
    return _render(request, shown, item, forms)


def _next_step(request, shown: AssistanceRequest, item: Delivery, forms: dict):
    action = request.POST.get("action")
    if action == "handover":
        form = forms["handover_form"] = HandoverForm(
            request.POST,
            companions=companions(shown, request.user),
            needs_two=needs_two_people(shown),
        )
    elif action == "return":
        form = forms["return_form"] = ReturnForm(request.POST)
    else:
        messages.error(request, _("Choose to record the handover or the return."))
        return _render(request, shown, item, forms, refused="step")
    if form.is_valid():
        answers = form.cleaned_data
        try:
            if action == "handover":
                record_handover(
                    item,
                    request.user,
                    answers["delivered_with"],
                    answers["id_check_kind"],
                    answers["last_digits"],
                    answers["confirmed"],
                    http_request=request,
                )
                messages.success(request, _("The handover is recorded."))
            else:
                record_return(
                    item, request.user, answers["reason"], http_request=request
                )
                messages.success(request, _("The return is recorded."))
        except DeliveryRefused as refusal:
            _refuse(request, form, refusal)
        else:
            return redirect("desk:request", reference=shown.reference)
    return _render(request, shown, item, forms, refused=action)


def _render(request, shown, item, forms: dict, refused: str = ""):
    """The delivery's page and its audit entry; a 400 beside a refused step."""
    audit.record(
        request,
        audit.Action.VIEW,
        reference=shown.reference,
        target=f"delivery {item.pk}",
        detail={"refused": refused} if refused else None,
    )
    return render(
        request,
        "assistance/deliveries/delivery.html",
        {"request_obj": shown, "delivery": item, **forms},
        status=400 if refused else 200,
    )


def _deliverable(request, reference: str) -> AssistanceRequest:
    """The request, if the user may see it and write to it and it takes deliveries."""
    shown = get_object_or_404(
        access.visible_requests(request.user).select_related("desk"),
        reference=reference,
    )
    if shown.kind not in DELIVERY_KINDS or not access.may_write(request.user, shown):
        raise Http404
    return shown


def _refuse(request, form, refusal: DeliveryRefused) -> None:
    """A refusal about a field goes beside it; any other is a message on the page
    (the step's form may no longer be shown, e.g. once the item is delivered)."""
    if refusal.field in form.fields:
        form.add_error(refusal.field, str(refusal))
    else:
        messages.error(request, str(refusal))
