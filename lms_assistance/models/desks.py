"""Desks: the places where requests are taken, and the staff who run them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Desk(models.Model):
    """A place where the union takes migrants' requests, and the staff who run it."""

    name = models.CharField(_("name"), max_length=200)
    place = models.CharField(
        _("place"), max_length=300, help_text=_("Address, building, room.")
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assistance_desks",
        verbose_name=_("desk staff"),
        help_text=_("They see the desk's requests, assign them and run its drives."),
    )
    project = models.ForeignKey(
        "lms_volunteers.ProjectPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
        help_text=_("The union's project the desk's work counts toward in reports."),
    )
    two_volunteers_for = models.JSONField(
        _("home visits need two volunteers for"),
        default=list,
        blank=True,
        help_text=_("Kinds of help whose home visits two volunteers must make."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("desk")
        verbose_name_plural = _("desks")

    def __str__(self):
        return self.name

    def needs_two_volunteers(self, kind: str) -> bool:
        return kind in self.two_volunteers_for
