"""Load the demo Migration School (demo/school.py); safe to run again."""

from django.core.management.base import BaseCommand

from demo import school


class Command(BaseCommand):
    help = "Load the demo Migration School (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the site will be served, for the welcome message.",
        )

    def handle(self, *args, **options):
        if school.load(self.stderr):
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content is already loaded.")
        self.stdout.write(school.welcome(options["base_url"].rstrip("/")))
