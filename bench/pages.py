"""The pages the benchmarks load, in the small (demo) and the scale data set."""

from bench.http import Endpoint

DEMO_COURSE = "/az/courses/global-compact-for-migration/"
SCALE_COURSE = "/az/courses/scale-course/"


def pages_for(scale: bool) -> list[Endpoint]:
    course = SCALE_COURSE if scale else DEMO_COURSE
    lesson = (
        SCALE_COURSE + "module-10/lesson-95/"
        if scale
        else DEMO_COURSE + "border-management/integrated-border-management/"
    )
    return [
        Endpoint("home page", "/az/"),
        Endpoint("catalogue", "/az/courses/"),
        Endpoint("catalogue filtered by an SDG", "/az/courses/?sdg=10"),
        Endpoint("course, visitor", course),
        Endpoint("lesson, visitor", lesson),
        Endpoint("lesson, signed-in student", lesson, signed_in=True),
        Endpoint("course with progress", course, signed_in=True),
        Endpoint("dashboard", "/az/dashboard/", signed_in=True),
    ]


BASELINE = Endpoint("minimal Django view (baseline)", "/bench/ping/")
