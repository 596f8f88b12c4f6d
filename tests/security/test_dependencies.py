"""Security-relevant packages are at or above the releases that fixed their known
advisories, daphne caps WebSocket messages, and bandit finds nothing serious in our
code (issue 9, item 6)."""

import json
import re
import shlex
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from daphne.cli import CommandLineInterface
from daphne.management.commands.runserver import Command as RunserverCommand
from django.conf import settings
from packaging.version import Version

from lms_live.protocol import MAX_FRAME_BYTES, MAX_MESSAGE_BYTES

ROOT = Path(__file__).resolve().parents[2]
# package → (lowest acceptable release, why)
FLOORS = {
    "django": ("5.2.19", "the latest 5.2 patch release, with every 5.2 security fix"),
    "wagtail": (
        "8.0.1",
        # The 2026 advisories: stored XSS in simple_translation (CVE-2026-28223,
        # GHSA-p4v8-rw59-93cq; fixed 6.3.8, 7.0.6, 7.2.3, 7.3.1) and five permission
        # bypasses (copy, history, revisions compare, documents/images API, form
        # submissions: GHSA-67rv-mg8q-5pf3, GHSA-c4mr-889m-vgf6, GHSA-c6wj-9vcj-75pj,
        # GHSA-p5gm-92h4-6pv6, GHSA-pwm3-7fv4-g6xx, CVE-2026-44197; fixed 7.0.7,
        # 7.3.2, 7.4). 8.0 includes them all; 8.0.1 is the latest 8.0 patch.
        "the latest 8.0 patch, after the 2026 advisories (fixed by 7.3.2 / 7.4)",
    ),
    "daphne": (
        "4.2.2",
        # CVE-2026-44545 (GHSA-rrc9-mx66-ffcm): unlimited WebSocket message and frame
        # sizes; CVE-2026-44546: header injection through the WebSocket handshake.
        "WebSocket message-size limits and handshake header checks",
    ),
    "twisted": ("24.7.0", "HTTP pipelining fixes under daphne (CVE-2024-41671)"),
    "channels": ("4.0.0", "after CVE-2020-35681 (session leak, fixed in 3.0.3)"),
    "bleach": ("6.0.0", "the 6.x sanitizer API that lms uses, after CVE-2021-23980"),
    "pillow": ("12.2.0", "heap overflow with nested coordinates (PYSEC-2026-2251)"),
    "cryptography": ("46.0.7", "CVE-2026-39892, fixed in 46.0.7"),
    "psycopg": ("3.1.8", "the oldest psycopg 3 that Django 5.2 supports"),
}
PACKAGE_DIRS = [
    "accounts",
    "home",
    "lms",
    "lms_background",
    "lms_certificates",
    "lms_cohorts",
    "lms_courses",
    "lms_live",
    "lms_quizzes",
]


def pinned_versions() -> dict[str, str]:
    """requirements.txt's ``name==version`` lines, by lower-case name."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s#;]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def deployed_daphne_commands() -> list[list[str]]:
    """The daphne command lines that docs/deployment.md tells an operator to run."""
    text = (ROOT / "docs" / "deployment.md").read_text().replace("\\\n", " ")
    return [
        shlex.split(line)[1:]
        for line in text.splitlines()
        # A command line: the program, then its options (not prose about daphne).
        if re.match(r"\s*\S*daphne\s+-", line)
    ]


def make_run_server_arguments() -> list[str]:
    """The arguments that `make run` gives `manage.py runserver`."""
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    recipe = text.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    (line,) = [line for line in recipe.splitlines() if " runserver " in line]
    return shlex.split(line.split(" runserver ", 1)[1])


@pytest.fixture(scope="module")
def bandit_findings() -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", *PACKAGE_DIRS]
        + ["-x", "*/migrations/*", "-f", "json", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert report["errors"] == []
    return report["results"]


def describe(findings: list[dict]) -> list[str]:
    return [
        f"{f['filename']}:{f['line_number']} {f['test_id']} {f['issue_text']}"
        for f in findings
    ]


@pytest.mark.parametrize("package", FLOORS)
def test_installed_package_is_at_least_its_security_floor(package):
    floor, why = FLOORS[package]
    assert Version(version(package)) >= Version(floor), why


@pytest.mark.parametrize("package", FLOORS)
def test_requirements_pin_each_package_at_or_above_its_floor(package):
    floor, why = FLOORS[package]
    pins = pinned_versions()
    assert package in pins, f"{package} is not pinned in requirements.txt"
    assert Version(pins[package]) >= Version(floor), why


def test_django_stays_on_the_52_long_term_release():
    assert Version(pinned_versions()["django"]).release[:2] == (5, 2)


def test_daphne_closes_sockets_that_send_more_than_a_live_message_needs():
    for size in (
        settings.DAPHNE_WEBSOCKET_MAX_MESSAGE_SIZE,
        settings.DAPHNE_WEBSOCKET_MAX_FRAME_SIZE,
    ):
        # Room for the consumer's own "too_large" answer, far below daphne's 1 MiB.
        assert 4 * MAX_FRAME_BYTES <= size <= 64 * 1024


def test_deployment_runs_daphne_with_the_same_websocket_limits():
    commands = deployed_daphne_commands()

    assert commands
    for arguments in commands:
        parsed = CommandLineInterface().parser.parse_args(arguments)
        assert (
            parsed.websocket_max_message_size
            == settings.DAPHNE_WEBSOCKET_MAX_MESSAGE_SIZE
        )
        assert (
            parsed.websocket_max_frame_size == settings.DAPHNE_WEBSOCKET_MAX_FRAME_SIZE
        )


def test_make_run_starts_daphne_with_the_same_websocket_limits():
    arguments = make_run_server_arguments()
    parsed = RunserverCommand().create_parser("manage.py", "runserver")
    options = parsed.parse_args(arguments)

    assert options.websocket_max_message_size == (
        settings.DAPHNE_WEBSOCKET_MAX_MESSAGE_SIZE
    )
    assert options.websocket_max_frame_size == settings.DAPHNE_WEBSOCKET_MAX_FRAME_SIZE


def test_the_readme_names_the_same_websocket_limits():
    text = " ".join((ROOT / "README.md").read_text().split())
    for flag, size in (
        ("--websocket-max-message-size", settings.DAPHNE_WEBSOCKET_MAX_MESSAGE_SIZE),
        ("--websocket-max-frame-size", settings.DAPHNE_WEBSOCKET_MAX_FRAME_SIZE),
    ):
        assert re.findall(rf"{flag} (\d+)", text) == [str(size)]


def test_the_consumer_closes_a_socket_at_daphnes_limit_however_daphne_started():
    """A daphne started bare lets 1 MiB through: the consumer holds to 64 KiB."""
    assert MAX_MESSAGE_BYTES == settings.DAPHNE_WEBSOCKET_MAX_MESSAGE_SIZE


def test_bandit_finds_nothing_of_high_severity(bandit_findings):
    high = [f for f in bandit_findings if f["issue_severity"] == "HIGH"]
    assert describe(high) == []


def test_bandit_finds_nothing_of_medium_severity_left_unexplained(bandit_findings):
    """Each reviewed medium finding carries ``# nosec BXXX`` and its reason."""
    medium = [f for f in bandit_findings if f["issue_severity"] == "MEDIUM"]
    assert describe(medium) == []
