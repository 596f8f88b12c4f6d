"""What every LMS template needs from the site: the base template it extends."""

from . import conf


def lms(request) -> dict:
    return {"lms_base_template": conf.base_template()}
