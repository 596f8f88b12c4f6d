"""The certificate as a PDF: A4 landscape, in the holder's language, with a QR code.

Drawn with reportlab and the DejaVu Serif font embedded, which covers every letter of
Azerbaijani (Ə ə Ğ ğ Ş ş I ı İ …), Russian and English. A revoked certificate is
still drawn, with "REVOKED", the date and the reason across it. Dates are the
language's DATE_FORMAT (lms_toolkit/formats), the issue and revocation days counted
in the site's time zone, as on the verification page.
"""

from io import BytesIO
from pathlib import Path

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from lms_courses.models import SDG, GCMObjective

from . import conf
from .models import Certificate

FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = "LMSSerif", "LMSSerif-Bold"
INK = HexColor("#1d2b3a")
ACCENT = HexColor("#0b5d7a")
MAX_TOPICS = 5


def render_pdf(certificate: Certificate, verify_url: str, language: str) -> bytes:
    register_fonts()
    width, height = landscape(A4)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    with translation.override(language):
        canvas.setTitle(_("Certificate: %(name)s") % {"name": certificate.holder_name})
        canvas.setAuthor(conf.issuer())
        _draw(canvas, certificate, verify_url, width, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def register_fonts() -> None:
    """Make the embedded serif (``REGULAR``, ``BOLD``) available to reportlab."""
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, FONTS / "DejaVuSerif.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, FONTS / "DejaVuSerif-Bold.ttf"))


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """A square QR code of ``url``, ``size`` wide, its lower left corner at x, y."""
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _draw(canvas: Canvas, certificate: Certificate, verify_url, width, height) -> None:
    centre = width / 2
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setFillColor(INK)

    y = height - 36 * mm
    canvas.setFont(REGULAR, 14)
    canvas.drawCentredString(centre, y, conf.issuer())
    y -= 18 * mm
    canvas.setFont(BOLD, 30)
    canvas.setFillColor(ACCENT)
    canvas.drawCentredString(centre, y, _("Certificate of completion"))
    canvas.setFillColor(INK)
    y -= 14 * mm
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, y, _("This certifies that"))
    y -= 14 * mm
    canvas.setFont(BOLD, _fitting(certificate.holder_name, BOLD, 26, width - 80 * mm))
    canvas.drawCentredString(centre, y, certificate.holder_name)
    y -= 12 * mm
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, y, _("has successfully completed"))
    y -= 11 * mm
    title = certificate.programme_title
    canvas.setFont(BOLD, _fitting(title, BOLD, 18, width - 60 * mm))
    canvas.drawCentredString(centre, y, title)
    y -= 9 * mm
    canvas.setFont(REGULAR, 12)
    if certificate.cohort_title:
        canvas.drawCentredString(centre, y, certificate.cohort_title)
        y -= 7 * mm
    starts = formats.date_format(certificate.starts_on, "DATE_FORMAT")
    ends = formats.date_format(certificate.ends_on, "DATE_FORMAT")
    dates = f"{starts} – {ends}"
    canvas.drawCentredString(centre, y, dates)
    y -= 10 * mm
    topics = _topic_lines(certificate.topics)
    if topics:
        canvas.setFont(BOLD, 10)
        canvas.drawString(30 * mm, y, _("Topics covered"))
        canvas.setFont(REGULAR, 9)
        for line in topics:
            y -= 4.6 * mm
            canvas.drawString(30 * mm, y, _clipped(line, REGULAR, 9, width - 110 * mm))

    _draw_signatories(canvas, certificate.signatories, width)
    _draw_footer(canvas, certificate, verify_url, width)
    if certificate.is_revoked:
        _draw_revoked(canvas, certificate, width, height)


def _draw_signatories(canvas: Canvas, signatories: list[str], width) -> None:
    signatories = signatories[:3]
    if not signatories:
        return
    slot = (width - 140 * mm) / len(signatories)
    for position, line in enumerate(signatories):
        x = 30 * mm + slot * position + slot / 2
        name, _comma, role = line.partition(",")
        canvas.setLineWidth(0.5)
        canvas.line(x - 30 * mm, 52 * mm, x + 30 * mm, 52 * mm)
        canvas.setFont(BOLD, 10)
        canvas.drawCentredString(x, 47 * mm, name.strip())
        canvas.setFont(REGULAR, 9)
        canvas.drawCentredString(x, 42.5 * mm, role.strip())


def _draw_footer(canvas: Canvas, certificate: Certificate, verify_url, width) -> None:
    size = 34 * mm
    x = width - 20 * mm - size
    draw_qr(canvas, verify_url, x, 20 * mm, size)
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(x - 3 * mm, 30 * mm, _("Verify this certificate at"))
    canvas.drawRightString(x - 3 * mm, 26 * mm, verify_url)
    canvas.setFont(BOLD, 9)
    canvas.drawRightString(
        x - 3 * mm,
        21 * mm,
        _("Code: %(code)s · issued %(date)s")
        % {
            "code": certificate.display_code,
            "date": formats.date_format(certificate.issued_on, "DATE_FORMAT"),
        },
    )


def _draw_revoked(canvas: Canvas, certificate: Certificate, width, height) -> None:
    canvas.saveState()
    canvas.setFillColor(Color(0.75, 0.05, 0.05, alpha=0.85))
    canvas.translate(width / 2, height / 2)
    canvas.rotate(18)
    canvas.setFont(BOLD, 64)
    canvas.drawCentredString(0, 8 * mm, _("REVOKED"))
    canvas.setFont(BOLD, 13)
    revoked = _("Revoked on %(date)s: %(reason)s") % {
        "date": formats.date_format(certificate.revoked_on, "DATE_FORMAT"),
        "reason": certificate.revoke_reason,
    }
    canvas.drawCentredString(0, -4 * mm, _clipped(revoked, BOLD, 13, width - 80 * mm))
    canvas.restoreState()


def _topic_lines(names: list[str]) -> list[str]:
    numbers = {"GCM": [], "SDG": []}
    for name in names:
        kind, _space, number = name.partition(" ")
        if kind in numbers and number.isdigit():
            numbers[kind].append(int(number))
    found = list(GCMObjective.objects.filter(number__in=numbers["GCM"])) + list(
        SDG.objects.filter(number__in=numbers["SDG"])
    )
    lines = [f"{tag.name}: {tag.title}" for tag in found]
    if len(lines) > MAX_TOPICS:
        more = len(lines) - MAX_TOPICS + 1
        lines = lines[: MAX_TOPICS - 1] + [_("and %(count)s more") % {"count": more}]
    return lines


def _fitting(text: str, font: str, size: float, room: float) -> float:
    """The largest size up to ``size`` at which ``text`` fits in ``room``."""
    while size > 9 and pdfmetrics.stringWidth(text, font, size) > room:
        size -= 1
    return size


def _clipped(text: str, font: str, size: float, room: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
