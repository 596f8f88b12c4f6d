"""Verification codes: 160 random bits, written so that a person can type them.

Codes use the RFC 4648 base32 alphabet (A–Z, 2–7). People read them off paper, so
what they type is forgiven: case, spaces and dashes are ignored, and 0, 1 and 8,
which are not in the alphabet, are read as the letters O, I and B.
"""

import base64
import re
import secrets

LENGTH = 32  # 20 random bytes
GROUP = 4
_TYPOS = str.maketrans({"0": "O", "1": "I", "8": "B"})
_VALID = re.compile(rf"^[A-Z2-7]{{{LENGTH}}}$")


def new_code() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode()


def normalise(typed: str) -> str | None:
    """The stored form of a code typed by hand, or None if it cannot be one."""
    code = re.sub(r"[\s\-–—]", "", typed or "").upper().translate(_TYPOS)
    return code if _VALID.match(code) else None


def display(code: str) -> str:
    """``ABCD-EFGH-…``: the form printed on certificates."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
