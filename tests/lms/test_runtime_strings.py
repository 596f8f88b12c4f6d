"""Strings the code builds at run time read in Azerbaijani and Russian too.

makemessages finds the strings written in templates and marked in Python; these
tests find the ones people see that the code assembles: models' names, fields and
choices, the admin's menu items, list columns and spreadsheet headings. Each,
resolved in az and ru, must differ from the English, unless it is a word every
language writes alike (``SAME_IN_EVERY_LANGUAGE``). A failure lists what lacks a
translation: translate it in the app's catalogue (``make messages``).
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import get_resolver
from django.utils import translation
from django.utils.functional import Promise
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets import viewsets

LANGUAGES = ["az", "ru"]
OURS = ("lms_", "accounts")
# Proper names, abbreviations and words that read the same in az, en and ru.
SAME_IN_EVERY_LANGUAGE = {
    "PDF",
    "HTML",
    "GCM",
    "SDG",
    "SDGs",
    "ID",
    "URL",
    "XLSX",
    "ICS",
}
# Words one language writes as English does: Azerbaijani "status", "format".
SAME_IN = {"az": {"status", "Status", "format", "material"}, "ru": set()}
MENU_HOOKS = [
    "register_admin_menu_item",
    "register_reports_menu_item",
    "register_settings_menu_item",
    "register_help_menu_item",
]


def untranslated(labels) -> dict[str, list[str]]:
    """The labels (lazy strings, or callables giving one) that some language leaves in
    English, by language."""
    missing = {}
    for language in LANGUAGES:
        for where, label in labels:
            with translation.override("en"):
                english = str(label)
            with translation.override(language):
                shown = str(label)
            same = SAME_IN_EVERY_LANGUAGE | SAME_IN[language]
            if shown == english and english.strip() not in same:
                missing.setdefault(language, []).append(f"{where}: {english!r}")
    return missing


def ours(module: str) -> bool:
    return module.startswith(OURS)


def model_labels():
    for model in apps.get_models():
        if not ours(model._meta.app_label):
            continue
        name = model._meta.label
        # A model named only by its class (a tag's through model) is never shown.
        if isinstance(model._meta.verbose_name, Promise):
            yield name, model._meta.verbose_name
            yield f"{name} (plural)", model._meta.verbose_name_plural
        inherited = _inherited_field_names(model)
        for field in model._meta.local_fields + model._meta.local_many_to_many:
            if field.auto_created or field.name in inherited:
                continue
            # Named only by its attribute: bookkeeping that no form or column shows.
            if not isinstance(field.verbose_name, Promise):
                continue
            yield f"{name}.{field.name}", field.verbose_name
            # Language names are written in their own language, on purpose.
            if field.choices and list(field.choices) != list(settings.LANGUAGES):
                for value, label in field.flatchoices:
                    yield f"{name}.{field.name}={value}", label


def _inherited_field_names(model) -> set[str]:
    """Fields a model takes from another library's abstract model (taggit's tags)."""
    return {
        field.name
        for base in model.__mro__[1:]
        if getattr(getattr(base, "_meta", None), "abstract", False)
        and not ours(base.__module__)
        for field in base._meta.fields
    }


def admin_labels():
    # The admin's URLs register the viewsets: load them, or there is nothing to read.
    get_resolver().url_patterns  # noqa: B018
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if isinstance(model, str):
            model = apps.get_model(model)
        module = model._meta.app_label if model else type(viewset).__module__
        if not ours(module):
            continue
        where = type(viewset).__name__
        if getattr(viewset, "menu_label", None):
            yield f"{where}.menu_label", viewset.menu_label
        columns = getattr(viewset, "list_display", None)
        # A viewset that leaves list_display to its index view holds a sentinel.
        for column in columns if isinstance(columns, list | tuple) else []:
            if isinstance(column, Column) and column.label:
                yield f"{where} column {column.name}", column.label
        yield from _headings(where, getattr(viewset, "export_headings", None))
    for report in _subclasses(ReportView):
        if not ours(report.__module__):
            continue
        where = report.__name__
        if isinstance(getattr(report, "page_title", None), Promise):
            yield f"{where}.page_title", report.page_title
        yield from _headings(where, getattr(report, "export_headings", None))


def menu_labels():
    for hook_name in MENU_HOOKS:
        for hook in hooks.get_hooks(hook_name):
            if not ours(hook.__module__):
                continue
            item = hook()
            yield from _menu_item(f"{hook.__module__}.{hook.__name__}", item)


def _menu_item(where, item):
    yield where, item.label
    if isinstance(item, SubmenuMenuItem):
        for child in item.menu.initial_menu_items:
            yield from _menu_item(f"{where} › {child.name}", child)


def _headings(where, headings):
    if isinstance(headings, dict):
        for key, heading in headings.items():
            yield f"{where} heading {key}", heading


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


@pytest.mark.parametrize(
    "labels",
    [
        pytest.param(model_labels, id="models"),
        pytest.param(admin_labels, id="admin"),
        pytest.param(menu_labels, id="menus"),
    ],
)
def test_every_label_built_at_run_time_is_translated(labels):
    missing = untranslated(list(labels()))
    assert not missing, "\n".join(
        f"{language}: {line}" for language, lines in missing.items() for line in lines
    )
