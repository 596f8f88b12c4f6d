from django.core.management.base import BaseCommand

from lms_quizzes.attempts import grade_overdue_attempts


class Command(BaseCommand):
    help = "Grade every quiz attempt whose time limit has passed."

    def handle(self, *args, **options):
        graded = grade_overdue_attempts()
        self.stdout.write(f"Graded {graded} overdue attempt(s).")
