"""lms_live/protocol.py and docs/live-protocol.md stay in step."""

import re
from pathlib import Path

from lms_live import protocol

DOC = Path(__file__).resolve().parents[2] / "docs" / "live-protocol.md"


def test_every_error_code_is_documented_and_nothing_else():
    section = DOC.read_text().split("## Error codes", 1)[1].split("\n## ", 1)[0]
    # Each code opens its entry: `code` then a space, a comma or a parenthesis.
    documented = set(re.findall(r"`([a-z_]+)`(?=[ ,.(])", section))
    assert documented == set(protocol.ERRORS)


def test_the_size_close_code_is_documented():
    assert f"| {protocol.CLOSE_TOO_LARGE} |" in DOC.read_text()
