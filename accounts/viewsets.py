"""The admin's Users screens, closed to privilege escalation.

Wagtail lets anyone with "change user" tick "Administrator" and pick any group. The
School's coordinators manage learners and trainers, so for anyone but a superuser:
no "Administrator" box, only the Students and Trainers groups to grant, and no edits
of superusers or of other coordinators (taking over their password would be the same
as holding their role).
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from lms_courses import conf


def grantable_groups(editor):
    """The groups ``editor`` may put people in."""
    if editor.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(
        name__in=[conf.students_group_name(), conf.trainers_group_name()]
    )


def can_edit_user(editor, user) -> bool:
    if editor.is_superuser or editor.pk == user.pk:
        return True
    if user.is_superuser:
        return False
    return not user.groups.filter(name=conf.coordinators_group_name()).exists()


class RoleLimitedFormMixin:
    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        if editor.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        if self.instance.pk == editor.pk:
            # One's own groups are not one's own to change.
            self.fields.pop("groups", None)
        elif "groups" in self.fields:
            self.fields["groups"].queryset = grantable_groups(editor)


class SchoolUserCreationForm(RoleLimitedFormMixin, UserCreationForm):
    pass


class SchoolUserEditForm(RoleLimitedFormMixin, UserEditForm):
    def save(self, commit=True):
        # Groups the editor may not grant stay as they were (the form only shows
        # the grantable ones, and saving it would otherwise drop the rest).
        kept = list(
            self.instance.groups.exclude(
                pk__in=self.fields["groups"].queryset.values("pk")
            )
            if "groups" in self.fields and self.instance.pk
            else []
        )
        user = super().save(commit=commit)
        if commit and kept:
            user.groups.add(*kept)
        return user


class CreateView(users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editor": self.request.user}


class CopyView(generic.CopyViewMixin, CreateView):
    pass


class EditView(users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not can_edit_user(request.user, self.object):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editor": self.request.user}


class UserViewSet(users.UserViewSet):
    # Wagtail's own catalogue has no Azerbaijani for it.
    menu_label = gettext_lazy("Users")
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return SchoolUserEditForm if for_update else SchoolUserCreationForm
