"""Signal receivers of the courses app."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CourseIndexPage
from .outline import forget_outlines
from .roles import grant_curriculum_permissions


@receiver(post_save, sender=CourseIndexPage)
def grant_permissions_on_new_catalogue(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_curriculum_permissions(instance)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def forget_outlines_when_pages_change(sender, **kwargs):
    forget_outlines()


@receiver(post_delete)
def forget_outlines_when_a_page_is_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_outlines()
