"""Attendance that may complete a learner's rule: courses' progress signal is sent."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from lms_courses.progress import record_progress

from .models import Attendance


@receiver(post_save, sender=Attendance)
def record_attendance(sender, instance, raw=False, update_fields=None, **kwargs):
    # A join changes nothing yet; a leave, a check-in or a correction may.
    checked_in = update_fields is not None and "checked_in_at" in update_fields
    if not raw and (instance.connections == 0 or checked_in):
        record_progress(instance.user_id, "attendance")
