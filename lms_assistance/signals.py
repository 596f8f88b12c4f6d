"""Who may use the desk changes with its staff and with the tasks assigned: the
people concerned get their roles (the header's desk link) asked again."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from lms_courses.navigation import forget_roles

from .models import AssistanceRequest, Desk


@receiver(m2m_changed, sender=Desk.staff.through)
def forget_roles_when_desk_staff_change(
    sender, instance, action, reverse, pk_set, **kwargs
):
    if not action.startswith("post_"):
        return
    if reverse:
        forget_roles(instance.pk)
    else:
        for user_id in pk_set or instance.staff.values_list("pk", flat=True):
            forget_roles(user_id)


@receiver(post_save, sender=AssistanceRequest)
def forget_roles_of_the_assigned(sender, instance, **kwargs):
    for user_id in (instance.assignee_id, instance.second_assignee_id):
        if user_id is not None:
            forget_roles(user_id)
