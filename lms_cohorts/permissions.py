"""Only Coordinators see applications: not in lists, choosers or bulk actions."""

from django.urls.resolvers import URLPattern
from wagtail.admin.auth import permission_denied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet

REVIEW_PERMISSION = "lms_cohorts.review_application"


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applicants write applications and nobody deletes them: the record stays."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "lock", "unlock"):
            return False
        if action == "change":
            return user.has_perm(REVIEW_PERMISSION)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ApplicationChooserViewSet(SnippetChooserViewSet):
    """Wagtail lets any admin user choose snippets; applications are not for all."""

    def get_urlpatterns(self):
        return [
            URLPattern(
                pattern.pattern,
                _reviewers_only(pattern.callback),
                pattern.default_args,
                pattern.name,
            )
            for pattern in super().get_urlpatterns()
        ]


def _reviewers_only(view):
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(REVIEW_PERMISSION):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return checked
