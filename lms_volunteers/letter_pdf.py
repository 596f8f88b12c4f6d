"""The letter of service as a PDF: A4 portrait, in the reader's language, with a QR
code to its public verification page.

It uses the certificates' embedded DejaVu Serif (every Azerbaijani, Russian and
English letter) and their QR drawing. A revoked letter is still drawn, marked so.
Dates are the language's DATE_FORMAT (lms_toolkit/formats), the issue and revocation
days counted in the site's time zone, as on the verification page.
"""

from io import BytesIO

from django.apps import apps
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from lms_certificates.pdf import BOLD, REGULAR, draw_qr, register_fonts

from .letters import statement_in
from .models import ServiceLetter

INK = HexColor("#1d2b3a")
ACCENT = HexColor("#0b5d7a")
MARGIN = 22 * mm
FOOTER_TOP = 62 * mm  # the QR code and the code live below this line


def render_letter_pdf(letter: ServiceLetter, verify_url: str, language: str) -> bytes:
    register_fonts()
    width, height = A4
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    with translation.override(language):
        union = str(apps.get_app_config("lms_volunteers").verbose_name)
        canvas.setTitle(_("Letter of service: %(name)s") % {"name": letter.holder_name})
        canvas.setAuthor(union)
        _Letter(canvas, letter, verify_url, union, width, height).draw(
            statement_in(letter, language)
        )
    canvas.save()
    return buffer.getvalue()


class _Letter:
    """Writes the letter top-down, starting a new page when the text reaches the
    footer; every page carries the QR code, the code and, if revoked, the mark."""

    def __init__(self, canvas: Canvas, letter, verify_url, union, width, height):
        self.canvas, self.letter, self.verify_url = canvas, letter, verify_url
        self.union, self.width, self.height = union, width, height
        self.y = height

    def draw(self, stated: dict) -> None:
        canvas = self.canvas
        self._start_page()
        canvas.setFont(BOLD, 22)
        canvas.setFillColor(ACCENT)
        canvas.drawString(MARGIN, self.y, _("Letter of service"))
        canvas.setFillColor(INK)
        self.y -= 12 * mm
        first = formats.date_format(stated["first_day"], "DATE_FORMAT")
        last = formats.date_format(stated["last_day"], "DATE_FORMAT")
        self._paragraph(
            _(
                "This letter confirms that %(name)s volunteered with %(union)s from "
                "%(first)s to %(last)s and gave %(hours)s hours of service, confirmed "
                "by the union."
            )
            % {
                "name": self.letter.holder_name,
                "union": self.union,
                "first": first,
                "last": last,
                "hours": _hours(self.letter.total_hours),
            },
            size=12,
        )
        self.y -= 4 * mm
        self._heading(_("Projects"))
        for project in stated["projects"]:
            self._line_with_hours(project["title"], project["hours"])
        self._rule()
        self._line_with_hours(_("Total"), self.letter.total_hours, font=BOLD)
        if stated["qualifications"]:
            self.y -= 4 * mm
            self._heading(_("Qualifications held"))
            for name in stated["qualifications"]:
                self._paragraph(f"• {name}", size=11)
        self.y -= 8 * mm
        self._paragraph(
            _("Issued on %(date)s.")
            % {"date": formats.date_format(self.letter.issued_on, "DATE_FORMAT")},
            size=11,
        )
        self._finish_page()

    def _start_page(self) -> None:
        canvas = self.canvas
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(2)
        canvas.line(
            MARGIN, self.height - 18 * mm, self.width - MARGIN, self.height - 18 * mm
        )
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 13)
        canvas.drawString(MARGIN, self.height - 15 * mm, self.union)
        self.y = self.height - 34 * mm

    def _finish_page(self) -> None:
        self._draw_footer()
        if self.letter.is_revoked:
            self._draw_revoked()
        self.canvas.showPage()

    def _room(self, needed: float) -> None:
        if self.y - needed < FOOTER_TOP:
            self._finish_page()
            self._start_page()

    def _heading(self, text: str) -> None:
        self._room(9 * mm)
        self.canvas.setFont(BOLD, 13)
        self.canvas.setFillColor(ACCENT)
        self.canvas.drawString(MARGIN, self.y, text)
        self.canvas.setFillColor(INK)
        self.y -= 8 * mm

    def _paragraph(self, text: str, size: float) -> None:
        room = self.width - 2 * MARGIN
        for line in _wrapped(text, REGULAR, size, room):
            self._room(size * 0.5 * mm)
            self.canvas.setFont(REGULAR, size)
            self.canvas.drawString(MARGIN, self.y, line)
            self.y -= size * 0.55 * mm

    def _line_with_hours(self, title: str, hours, font: str = REGULAR) -> None:
        self._room(7 * mm)
        figures = _("%(hours)s h") % {"hours": _hours(hours)}
        right = self.width - MARGIN
        self.canvas.setFont(font, 11)
        self.canvas.drawString(
            MARGIN, self.y, _clipped(title, font, 11, right - MARGIN - 30 * mm)
        )
        self.canvas.drawRightString(right, self.y, figures)
        self.y -= 6.5 * mm

    def _rule(self) -> None:
        self.canvas.setLineWidth(0.5)
        self.canvas.line(MARGIN, self.y + 4 * mm, self.width - MARGIN, self.y + 4 * mm)
        self.y -= 1 * mm

    def _draw_footer(self) -> None:
        canvas = self.canvas
        size = 32 * mm
        x = self.width - MARGIN - size
        draw_qr(canvas, self.verify_url, x, 18 * mm, size)
        text_right = x - 3 * mm
        canvas.setFont(REGULAR, 8)
        canvas.drawRightString(text_right, 32 * mm, _("Verify this letter at"))
        canvas.drawRightString(
            text_right,
            28 * mm,
            _clipped(self.verify_url, REGULAR, 8, text_right - MARGIN),
        )
        canvas.setFont(BOLD, 9)
        canvas.drawRightString(
            text_right,
            22 * mm,
            _("Code: %(code)s") % {"code": self.letter.display_code},
        )

    def _draw_revoked(self) -> None:
        canvas = self.canvas
        canvas.saveState()
        canvas.setFillColor(Color(0.75, 0.05, 0.05, alpha=0.85))
        canvas.translate(self.width / 2, self.height / 2)
        canvas.rotate(35)
        canvas.setFont(BOLD, 56)
        canvas.drawCentredString(0, 8 * mm, _("REVOKED"))
        canvas.setFont(BOLD, 12)
        revoked = _("Revoked on %(date)s: %(reason)s") % {
            "date": formats.date_format(self.letter.revoked_on, "DATE_FORMAT"),
            "reason": self.letter.revoke_reason,
        }
        canvas.drawCentredString(
            0, -4 * mm, _clipped(revoked, BOLD, 12, self.width - 50 * mm)
        )
        canvas.restoreState()


def _hours(hours) -> str:
    """12.5 rather than 12.50, written the reader's way."""
    return formats.number_format(hours.normalize() if hours % 1 else int(hours))


def _wrapped(text: str, font: str, size: float, room: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and pdfmetrics.stringWidth(candidate, font, size) > room:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + ([line] if line else [])


def _clipped(text: str, font: str, size: float, room: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
