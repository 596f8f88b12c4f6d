"""Shared infrastructure any LMS app may use; it imports none of them."""

from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "lms_toolkit"
