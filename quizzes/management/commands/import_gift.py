from django.core.management.base import BaseCommand, CommandError

from quizzes.gift import GiftSyntaxError
from quizzes.importing import import_gift
from quizzes.models import QuizPage


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
        self.stdout.write(f"Imported {report.imported} question(s) into “{page}”.")
        for skipped in report.skipped:
            title = f" ({skipped.title})" if skipped.title else ""
            self.stdout.write(
                f"Not imported: line {skipped.line}{title}: {skipped.reason}"
            )
