"""Signal receivers of the courses app."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import CourseIndexPage
from .roles import grant_curriculum_permissions


@receiver(post_save, sender=CourseIndexPage)
def grant_permissions_on_new_catalogue(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_curriculum_permissions(instance)
