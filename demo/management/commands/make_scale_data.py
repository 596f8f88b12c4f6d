"""Build a School at scale for the benchmarks (demo/scale.py, demo/scale_volunteers.py).

    manage.py make_scale_data --students 10000 --lessons 200
    manage.py make_scale_data --students 0 --volunteers 7000

``--volunteers N`` grows the Migration Volunteers union too; ``--students 0`` leaves
the School out. Running it again with the same sizes reuses what is there.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo import scale, scale_volunteers


class Command(BaseCommand):
    help = "Create (or reuse) N students enrolled in an M-lesson course."

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=10_000)
        parser.add_argument("--lessons", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument(
            "--volunteers",
            type=int,
            default=0,
            help="Volunteers of the union, with shifts and hours (default: none).",
        )

    def handle(
        self,
        *args,
        students: int,
        lessons: int,
        seed: int,
        volunteers: int = 0,
        **options,
    ):
        if volunteers < 0:
            raise CommandError("--volunteers cannot be negative.")
        if lessons < 1 or students < 0 or (students == 0 and not volunteers):
            raise CommandError("--students and --lessons must be at least 1.")
        started = time.monotonic()
        try:
            if students and not scale.make_school(students, lessons, seed, self.stderr):
                self.stdout.write(f"Reusing the scale data ({students} students).")
            if volunteers and not scale_volunteers.make_union(
                volunteers, seed, self.stderr
            ):
                self.stdout.write(f"Reusing the scale volunteers ({volunteers}).")
        except scale.OtherSizeExists as error:
            raise CommandError(str(error)) from error
        scale.refresh_statistics()
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {students} students, {lessons} lessons and {volunteers} "
                f"volunteers in {time.monotonic() - started:.1f} s."
            )
        )
