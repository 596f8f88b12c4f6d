"""The desk's roles: desk staff are the members of a desk (``Desk.staff``); the
data-protection officers are a group that reads the audit log."""

from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS

from . import conf


def create_roles(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create the data-protection officers' group; safe to run again."""
    Group.objects.using(using).get_or_create(name=conf.dpo_group_name())
