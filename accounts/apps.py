from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")


class SchoolUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the School's Users screens (accounts/viewsets.py)."""

    user_viewset = "accounts.viewsets.UserViewSet"
