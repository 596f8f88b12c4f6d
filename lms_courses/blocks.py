"""StreamField blocks that trainers use to write lessons."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

INLINE_FEATURES = ["bold", "italic", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(
        label=_("heading"),
        help_text=_("A short title for the next part of the lesson."),
    )
    size = blocks.ChoiceBlock(
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
        label=_("level"),
        help_text=_("Use “Section” for main parts and “Subsection” inside them."),
    )

    class Meta:
        icon = "title"
        template = "courses/blocks/heading_block.html"
        description = _("A section heading that also appears in the lesson outline.")
        preview_value = {"heading_text": "Why people migrate", "size": "h2"}


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(
        label=_("image"),
        help_text=_("Describe the image in the alt text unless it is decorative."),
    )
    caption = blocks.CharBlock(
        required=False, label=_("caption"), help_text=_("Shown under the image.")
    )
    attribution = blocks.CharBlock(
        required=False,
        label=_("credit"),
        help_text=_("Who made the image or where it comes from."),
    )

    class Meta:
        icon = "image"
        template = "courses/blocks/figure_block.html"
        description = _("An image sized for phones, with caption and credit.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("video address"),
        help_text=_("A YouTube, Vimeo or other video link. It loads only on request."),
    )
    title = blocks.CharBlock(
        label=_("title"), help_text=_("What the video is about, in a few words.")
    )
    transcript = blocks.RichTextBlock(
        required=False,
        features=INLINE_FEATURES + ["ul", "ol"],
        label=_("transcript"),
        help_text=_("A transcript or summary for learners who cannot play video."),
    )

    class Meta:
        icon = "media"
        template = "courses/blocks/video_block.html"
        description = _("An embedded video with a transcript.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        label=_("document"), help_text=_("A PDF, text or office file from the library.")
    )
    title = blocks.CharBlock(
        required=False,
        label=_("link text"),
        help_text=_("Leave empty to use the document's own title."),
    )
    description = blocks.CharBlock(
        required=False,
        label=_("description"),
        help_text=_("Why the learner should open it."),
    )

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/document_block.html"
        description = _("A link to a document, with its type and size.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("note", _("Note")),
            ("key_term", _("Key term")),
            ("tip", _("Tip")),
            ("warning", _("Warning")),
        ],
        default="note",
        label=_("kind"),
        help_text=_("“Key term” defines a word learners must know."),
    )
    title = blocks.CharBlock(
        required=False,
        label=_("title"),
        help_text=_("For a key term, the term itself."),
    )
    text = blocks.RichTextBlock(
        features=INLINE_FEATURES, label=_("text"), help_text=_("One or two sentences.")
    )

    class Meta:
        icon = "help"
        template = "courses/blocks/callout_block.html"
        description = _("A highlighted note, tip, warning or key term.")
        preview_value = {
            "kind": "key_term",
            "title": "Irregular migration",
            "text": "<p>Movement that takes place outside the regulatory norms.</p>",
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), help_text=_("Name the case."))
    setting = blocks.CharBlock(
        required=False,
        label=_("country or setting"),
        help_text=_("Where and when it happened."),
    )
    body = blocks.RichTextBlock(
        label=_("the case"), help_text=_("Tell what happened and who was involved.")
    )
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("question")),
        required=False,
        label=_("questions for discussion"),
        help_text=_("Questions learners should think about after reading."),
    )

    class Meta:
        icon = "folder-open-inverse"
        template = "courses/blocks/case_study_block.html"
        description = _("A real-world case with questions for discussion.")


class QuickCheckChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"))
    is_correct = blocks.BooleanBlock(required=False, label=_("correct"))


class QuickCheckBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("question"), help_text=_("Not graded: learners check themselves.")
    )
    choices = blocks.ListBlock(QuickCheckChoiceBlock(), min_num=2, label=_("answers"))
    explanation = blocks.RichTextBlock(
        features=INLINE_FEATURES,
        label=_("explanation"),
        help_text=_("Shown when the learner reveals the answer."),
    )

    class Meta:
        icon = "tick-inverse"
        template = "courses/blocks/quick_check_block.html"
        description = _("An ungraded “check your understanding” question.")


class LessonStreamBlock(blocks.StreamBlock):
    heading_block = HeadingBlock(label=_("Heading"))
    paragraph_block = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        template="courses/blocks/paragraph_block.html",
        description=_("Paragraphs, lists and links."),
        help_text=_("Write in short paragraphs: many learners read on a phone."),
    )
    image_block = FigureBlock(label=_("Image"))
    video_block = VideoBlock(label=_("Video"))
    document_block = DocumentBlock(label=_("Document"))
    callout_block = CalloutBlock(label=_("Callout or key term"))
    case_study_block = CaseStudyBlock(label=_("Case study"))
    quick_check_block = QuickCheckBlock(label=_("Check your understanding"))
