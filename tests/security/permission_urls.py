"""Walk the resolver, build a real address for each URL pattern, and name outcomes."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

OK = "ok"
LOGIN = "login"  # a redirect to the site's or the admin's login
DENIED = "denied"  # 403, or Wagtail's "permission denied" redirect to the dashboard
NOT_FOUND = "404"
REDIRECT = "redirect"  # any other redirect

# What each URL argument is, unless a row or a namespace says otherwise: world ids
# by name, or the literal value.
ARGUMENT_DEFAULTS = {
    "page_id": "lesson",
    "parent_page_id": "module",
    "page_to_move_id": "lesson",
    "destination_id": "module_two",
    "revision_id": "lesson_revision",
    "content_type_app_name": "lms_courses",
    "content_type_model_name": "lessonpage",
    "app_label": "lms_courses",
    "model_name": "lessonpage",
    "app_name": "lms_courses",
    "task_state_id": "task_state",
    "task_id": "task",
    "workflow_state_id": "workflow_state",
    "action_name": "approve",
    "page_pk": "lesson",
    "workflow_pk": "workflow",
    "collection_id": "collection",
    "session_id": "editing_session",
    "object_id": "lesson",
    "document_id": "document",
    "doc_id": "document",
    "image_id": "image",
    "uploaded_file_id": 999999,
    "filter_spec": "original",
    "redirect_id": "redirect",
    "question_id": "q-single",
    "translation_source_id": 999999,
    "translation_id": 999999,
    "string_segment_id": 999999,
    "overridable_segment_id": 999999,
    "mode": "form",
    "uidb64": "MQ",
    "token": "set-password",
    "restriction_id": "collection_restriction",
    "page_view_restriction_id": "page_restriction",
    "code": "certificate_code",
    "cohort_id": "cohort",
    "attempt_id": "attempt_done",
    "action": "delete",
    "pk": None,  # by namespace, below
}


@dataclass(frozen=True)
class Pattern:
    """One URL pattern as the resolver holds it."""

    name: str | None  # with its namespaces, "wagtailadmin_pages:edit"
    namespace: str  # "" at the root
    route: str  # the whole route, "admin/pages/<int:page_id>/edit/"
    arguments: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.name or self.route


@dataclass
class Row:
    """What one URL pattern gives each role, anonymous … superuser, in order."""

    expect: str  # six outcomes, "login login login denied ok ok"; "a|b" allows either
    method: str = "get"
    kwargs: dict = field(default_factory=dict)  # argument → world id name or literal
    path: str = ""  # for unnamed patterns: the address, with {world ids}
    query: str = ""
    data: dict | None = None  # for POST
    why: str = ""

    def outcomes(self) -> list[set[str]]:
        wanted = self.expect.split()
        assert len(wanted) == 6, self.expect
        return [set(choice.split("|")) for choice in wanted]


def url_patterns() -> list[Pattern]:
    """Every pattern of the site and the admin, through includes, under /en/."""
    found: list[Pattern] = []
    with translation.override("en"):
        _walk(get_resolver(), "", "", found)
    return found


def address(pattern: Pattern, row: Row, ids: dict, pk_of_namespace: dict) -> str:
    """A real address for ``pattern``, its arguments filled from the world."""
    if row.path:
        url = row.path.format(**ids)
    else:
        kwargs = {}
        for argument in pattern.arguments:
            value = row.kwargs.get(argument, ARGUMENT_DEFAULTS.get(argument))
            if argument == "pk" and "pk" not in row.kwargs:
                value = pk_of_namespace[pattern.namespace]
            kwargs[argument] = (
                ids.get(value, value) if isinstance(value, str) else value
            )
        with translation.override("en"):
            url = reverse(pattern.name, kwargs=kwargs)
    return f"{url}?{row.query.format(**ids)}" if row.query else url


def outcome(response, login_paths: set[str], admin_home: str) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return OK
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        if target in login_paths:
            return LOGIN
        if target == admin_home:
            return DENIED
        return REDIRECT
    if status == 403:
        return DENIED
    return str(status)


def _walk(resolver: URLResolver, prefix: str, namespace: str, found: list) -> None:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            _walk(entry, route, inner, found)
        elif isinstance(entry, URLPattern):
            name = entry.name and (
                f"{namespace}:{entry.name}" if namespace else entry.name
            )
            arguments = tuple(entry.pattern.regex.groupindex)
            found.append(Pattern(name, namespace, route, arguments))
