"""What courses does when its pages change and when a lesson is ticked."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from lms_toolkit.page_cache import forget_pages, forget_reads

from .authoring import keep_translations_in_step
from .models import (
    SDG,
    CourseIndexPage,
    Enrolment,
    GCMObjective,
    LessonCompletion,
    SDGTarget,
    Topic,
)
from .navigation import forget_roles
from .outline import forget_outlines
from .progress import record_progress
from .roles import grant_curriculum_permissions


@receiver(post_save, sender=CourseIndexPage)
def grant_permissions_on_new_catalogue(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_curriculum_permissions(instance)


@receiver(post_save, sender=LessonCompletion)
def record_a_ticked_lesson(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_progress(instance.enrolment.user_id, "lesson")


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def forget_outlines_when_pages_change(sender, **kwargs):
    forget_outlines()


@receiver(page_published)
def count_children_again_after_a_deferred_publish(sender, instance, **kwargs):
    # wagtail-localize publishes a translated subtree when the transaction commits,
    # from page objects read before their children were added: each parent is saved
    # with numchild 0, and its children vanish from routing and from the admin
    # (wagtail/wagtail-localize#773, open in 1.14). One COUNT per publish mends it.
    children = Page.objects.filter(
        path__startswith=instance.path, depth=instance.depth + 1
    ).count()
    if children != instance.numchild:
        Page.objects.filter(pk=instance.pk).update(numchild=children)
        instance.numchild = children


@receiver(post_delete)
def forget_outlines_when_a_page_is_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_outlines()


@receiver(post_page_move)
def move_translations_with_their_original(sender, instance, **kwargs):
    # Every move ends here (the move view, "Sort menu order", bulk moves, the shell),
    # so a translated course keeps its original's structure and order.
    keep_translations_in_step(instance)


# Tag names and titles show on the pages kept for visitors (and in kept mastery).
@receiver(post_save, sender=GCMObjective)
@receiver(post_save, sender=SDG)
@receiver(post_save, sender=SDGTarget)
@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=GCMObjective)
@receiver(post_delete, sender=SDG)
@receiver(post_delete, sender=SDGTarget)
@receiver(post_delete, sender=Topic)
def forget_pages_showing_tags(sender, instance, **kwargs):
    forget_pages()


# Roles are kept for a minute (navigation.roles_of); what changes one forgets them.
@receiver(user_logged_in)
def ask_for_roles_again_at_log_in(sender, user, **kwargs):
    forget_roles(user.pk)


@receiver(post_save, sender=Enrolment)
@receiver(post_delete, sender=Enrolment)
def forget_roles_of_the_learner(sender, instance, **kwargs):
    forget_roles(instance.user_id)


@receiver(m2m_changed, sender=get_user_model().groups.through)
@receiver(m2m_changed, sender=get_user_model().user_permissions.through)
def forget_roles_when_groups_change(
    sender, instance, action, reverse, pk_set, **kwargs
):
    if not action.startswith("post_"):
        return
    if not reverse:
        forget_roles(instance.pk)
    else:
        # A group's members changed: those named, or every member when cleared.
        users = pk_set or instance.user_set.values_list("pk", flat=True)
        for user_id in users:
            forget_roles(user_id)


# A request that enrols or ticks reads the learner's records afresh afterwards
# (progress.learner_enrolments is read once per request).
for _model in (Enrolment, LessonCompletion):
    post_save.connect(forget_reads, sender=_model, dispatch_uid="lms-reads")
    post_delete.connect(forget_reads, sender=_model, dispatch_uid="lms-reads")
