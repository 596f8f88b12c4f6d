"""The import rules of docs/architecture.md, read from the code's own imports.

Each test is one rule. The apps checked are the apps the wheel ships (pyproject.toml),
so an app added to one and not the other fails here first.
"""

import ast
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Our own site: never in the wheel, never imported by an LMS app.
SITE_PACKAGES = {"lms", "home", "accounts", "demo", "tests", "bench"}
# Infrastructure that is no domain: every LMS app may use it; it imports none of them.
INFRASTRUCTURE = {"lms_background", "lms_toolkit"}
# The domain apps each app may import, besides itself and the infrastructure.
ALLOWED_DOMAINS = {
    "lms_courses": set(),
    "lms_cohorts": {"lms_courses"},
    "lms_quizzes": {"lms_courses"},
    "lms_live": {"lms_courses", "lms_cohorts"},
    "lms_certificates": {"lms_courses", "lms_quizzes", "lms_live", "lms_cohorts"},
    "lms_volunteers": {"lms_courses", "lms_quizzes", "lms_cohorts", "lms_certificates"},
    "lms_assistance": {"lms_courses", "lms_volunteers"},
    "lms_insights": {
        "lms_courses",
        "lms_quizzes",
        "lms_live",
        "lms_cohorts",
        "lms_certificates",
        "lms_volunteers",
    },
}
# Desk data leaves the desk only as its anonymised counts.
DESK_REPORT = "lms_assistance.impact"


def shipped_apps() -> list[str]:
    """The top-level packages of the wheel, from pyproject.toml's find patterns."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted({pattern.rstrip("*").rstrip(".") for pattern in patterns})


LMS_APPS = shipped_apps()
FIRST_PARTY = set(LMS_APPS) | SITE_PACKAGES


@dataclass(frozen=True)
class Import:
    path: Path  # the importing file
    line: int
    target: str  # the dotted module imported (a submodule when `from x import sub`)
    in_function: bool
    commented: bool  # a comment on the import's line or the line above


def imports(path: Path) -> Iterator[Import]:
    """Every first-party import of a Python file, with relative ones made absolute."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(source)
    inner = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, package)
            targets = [_submodule_or_module(base, alias.name) for alias in node.names]
        else:
            continue
        commented = any(
            "#" in lines[i - 1] for i in (node.lineno, node.lineno - 1) if i
        )
        for target in targets:
            if target.split(".")[0] in FIRST_PARTY:
                yield Import(path, node.lineno, target, id(node) in inner, commented)


def python_files(package: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def first_party_files() -> list[Path]:
    return [
        path
        for package in sorted(FIRST_PARTY - {"tests"})
        for path in python_files(package)
    ]


def app_of(target: str) -> str:
    return target.split(".")[0]


def where(found: Import) -> str:
    return f"{found.path.relative_to(ROOT)}:{found.line} imports {found.target}"


@pytest.mark.parametrize("app", LMS_APPS)
def test_no_lms_app_imports_the_site_project(app):
    offenders = [
        where(found)
        for path in python_files(app)
        for found in imports(path)
        if app_of(found.target) in SITE_PACKAGES
    ]
    assert offenders == []


@pytest.mark.parametrize("app", LMS_APPS)
def test_no_lms_app_template_names_a_site_url(app):
    """Templates link to the apps' own URLs, and to the login page by LOGIN_URL."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app / "templates").rglob("*.*")
        if "{% url 'accounts:" in path.read_text(encoding="utf-8")
        or "{% url 'home" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_courses_imports_no_other_lms_app():
    """Courses is the root: the others extend it through hooks and its signal. Like
    every app it may use the infrastructure below it (the toolkit's page cache)."""
    offenders = [
        where(found)
        for path in python_files("lms_courses")
        for found in imports(path)
        if app_of(found.target) not in {"lms_courses"} | INFRASTRUCTURE
    ]
    assert offenders == []


@pytest.mark.parametrize("app", sorted(INFRASTRUCTURE & set(LMS_APPS)))
def test_infrastructure_imports_no_domain_app(app):
    offenders = [
        where(found)
        for path in python_files(app)
        for found in imports(path)
        if app_of(found.target) in LMS_APPS
        and app_of(found.target) not in INFRASTRUCTURE
    ]
    assert offenders == []


@pytest.mark.parametrize("app", sorted(ALLOWED_DOMAINS))
def test_each_app_imports_only_the_apps_its_arrows_allow(app):
    allowed = {app} | INFRASTRUCTURE | ALLOWED_DOMAINS[app]
    offenders = [
        where(found)
        for path in python_files(app)
        for found in imports(path)
        if app_of(found.target) in LMS_APPS and app_of(found.target) not in allowed
    ]
    assert offenders == []


def test_nothing_imports_insights():
    offenders = [
        where(found)
        for path in first_party_files()
        if path.parts[len(ROOT.parts)] != "lms_insights"
        for found in imports(path)
        if app_of(found.target) == "lms_insights"
    ]
    assert offenders == []


def test_desk_data_reaches_other_apps_only_through_its_anonymised_report():
    """Outside the desk, only its impact report (counts, never people) is imported.
    Our site's URLs and demo data are the site's business, not an app's."""
    offenders = [
        where(found)
        for app in LMS_APPS
        if app != "lms_assistance"
        for path in python_files(app)
        for found in imports(path)
        if app_of(found.target) == "lms_assistance" and found.target != DESK_REPORT
    ]
    assert offenders == []


def test_only_the_benchmarks_import_the_demo_data():
    offenders = [
        where(found)
        for path in first_party_files()
        if path.parts[len(ROOT.parts)] not in {"demo", "bench"}
        for found in imports(path)
        if app_of(found.target) == "demo"
    ]
    assert offenders == []


def test_the_apps_checked_are_the_apps_the_wheel_ships():
    """Every Django app of the repository is either the site's or in the wheel."""
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps - SITE_PACKAGES == set(LMS_APPS)
    assert set(ALLOWED_DOMAINS) | INFRASTRUCTURE == set(LMS_APPS)


@pytest.mark.parametrize("package", sorted(FIRST_PARTY - {"tests"}))
def test_no_import_circle_inside_a_package(package):
    """A module-level import graph with no cycle (as import-linter draws it: an
    import of `a.b.c` is an edge to `a.b.c`, the module that holds the name)."""
    graph: dict[str, set[str]] = {}
    for path in python_files(package):
        source = _module_name(path)
        graph.setdefault(source, set())
        for found in imports(path):
            if not found.in_function and app_of(found.target) == package:
                graph[source].add(found.target)
    assert _cycles(graph) == []


def test_no_first_party_import_hides_inside_a_function():
    """Except in AppConfig.ready() (Django's place for signals and checks) and where a
    comment beside it says which circle or start-up order it waits for."""
    offenders = [
        where(found)
        for path in first_party_files()
        for found in imports(path)
        if found.in_function and not found.commented and not _in_ready(found)
    ]
    assert offenders == []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(module: str | None, level: int, package: str) -> str:
    if level == 0:
        return module or ""
    base = package.split(".")
    if level > 1:
        base = base[: -(level - 1)]
    return ".".join(base + ([module] if module else []))


def _submodule_or_module(base: str, name: str) -> str:
    candidate = ROOT.joinpath(*f"{base}.{name}".split("."))
    if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
        return f"{base}.{name}"
    return base


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _in_ready(found: Import) -> bool:
    if found.path.name != "apps.py":
        return False
    tree = ast.parse(found.path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.FunctionDef)
        and node.name == "ready"
        and node.lineno <= found.line <= node.end_lineno
        for node in ast.walk(tree)
    )


def test_the_rules_checked_here_are_the_rules_the_architecture_names():
    """docs/architecture.md lists each rule this file checks, by its test's name."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_[a-z_]+)`", text))
    checked = {name for name in globals() if name.startswith("test_")}
    assert checked <= named
