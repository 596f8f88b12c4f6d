"""Shared infrastructure any LMS app may use; it imports none of them."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ToolkitConfig(AppConfig):
    name = "lms_toolkit"

    def ready(self):
        from wagtail.models import Locale, Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from lms_toolkit.page_cache import (
            forget_pages,
            forget_pages_of_deleted,
            forget_pages_of_saved,
        )

        # A translation synced by wagtail-localize is published, so it is heard here.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_pages, dispatch_uid="lms-pages")
        for model in (Site, Locale, PageViewRestriction):
            post_save.connect(forget_pages, sender=model, dispatch_uid="lms-pages")
            post_delete.connect(forget_pages, sender=model, dispatch_uid="lms-pages")
        post_delete.connect(forget_pages_of_deleted, sender=Page, dispatch_uid="lms")
        # A live page saved without a revision (code, imports, tag changes) too.
        post_save.connect(forget_pages_of_saved, dispatch_uid="lms-pages-saved")
