from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from lms_quizzes.gift import GiftSyntaxError
from lms_quizzes.importing import ImportRefused, import_gift
from lms_quizzes.models import QuizPage


class Command(BaseCommand):
    help = "Import the questions of a Moodle GIFT file into a quiz page."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The GIFT file (UTF-8).")
        parser.add_argument("--quiz", type=int, required=True, help="The quiz page id.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the quiz with its new questions (default: save a draft).",
        )

    def handle(self, *args, path, quiz, publish, **options):
        # The parser's reasons are translated; the rest of this command speaks English.
        with translation.override("en"):
            self.import_file(path, quiz, publish)

    def import_file(self, path, quiz, publish):
        page = QuizPage.objects.filter(pk=quiz).first()
        if page is None:
            raise CommandError(f"There is no quiz page with id {quiz}.")
        try:
            with open(path, encoding="utf-8-sig") as gift_file:
                text = gift_file.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            report = import_gift(page, text, publish=publish)
        except GiftSyntaxError as error:
            raise CommandError(f"{path}: {error}") from error
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Imported {report.imported} question(s) into “{page}”.")
        if report.already_in_quiz:
            self.stdout.write(
                f"{report.already_in_quiz} question(s) already in the quiz: "
                "not added again."
            )
        for skipped in report.skipped:
            title = f" ({skipped.title})" if skipped.title else ""
            self.stdout.write(
                f"Not imported: line {skipped.line}{title}: {skipped.reason}"
            )
