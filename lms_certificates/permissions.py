"""Who may do what with certificates: add = issue by hand, change = revoke or reinstate.

Nobody deletes a certificate, not even a superuser: a revoked one stays, so that its
verification page can say it was revoked.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import Certificate


class CertificatePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action != "delete"]
        )


certificate_permission_policy = CertificatePermissionPolicy(Certificate)
