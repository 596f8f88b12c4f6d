"""Every student and public page, for the tier's accessibility, reflow and no-script
walks. Each feature that adds pages adds them here."""

COURSE = "/courses/global-compact-for-migration/"
MODULE = COURSE + "regulation-of-migration-processes/"
LESSON = MODULE + "what-the-global-compact-is/"
QUIZ = MODULE + "check-the-global-compact/"

PUBLIC_PAGES = [
    "/",
    "/courses/",
    "/courses/?sdg=10",
    "/courses/gcm/11/",
    "/courses/sdg/16/",
    COURSE,
    MODULE,
    LESSON,
    QUIZ,
    "/search/?q=miqrasiya",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/apply/",
    "/certificates/verify/",
]
# The demo's 4th Migration School (its call is open) is the second cohort.
APPLICATION_FORM = "/apply/2/"
# The demo's hybrid class of the course, tomorrow.
CLASSROOM = "/live/1/"
STUDENT_PAGES = [
    "/dashboard/",
    "/accounts/profile/",
    COURSE,
    LESSON,
    QUIZ,
    APPLICATION_FORM,
    CLASSROOM,
]
LANGUAGES = ["az", "en", "ru"]
