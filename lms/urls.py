"""Root URLs: admin and documents outside, the public site under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.views import serve_page, set_language
from lms.media import serve_media
from lms_courses.views import service_worker

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    # At the root, so that it may serve every page of the site offline.
    path("sw.js", service_worker, name="service_worker"),
    # Browsers ask for /favicon.ico whatever the page says; the file is a static one.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("favicon.ico")),
        name="favicon",
    ),
]

# A request that found no free database connection is answered 503 (lms/errors.py).
handler500 = "lms.errors.server_error"

if settings.DEBUG or getattr(settings, "LMS_SERVE_MEDIA", False):
    # In production the reverse proxy serves uploaded media (docs/deployment.md);
    # documents only through /documents/, which checks collection privacy.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("apply/", include("lms_cohorts.urls")),
    path("learning/quizzes/", include("lms_quizzes.urls")),
    path("live/", include("lms_live.urls")),
    path("certificates/", include("lms_certificates.urls")),
    # Beside the union's pages (/volunteers/ is a Wagtail page): joining and "mine".
    path("volunteers/", include("lms_volunteers.urls")),
    path("desk/", include("lms_assistance.urls")),
    path("", include("lms_courses.urls")),
    # Wagtail's own front-end helpers (password-protected pages), without its serve.
    *[
        pattern
        for pattern in wagtail_urls.urlpatterns
        if pattern.name != "wagtail_serve"
    ],
    # Pages come last: every remaining path is a page, or its original in another
    # language when the translation is missing.
    re_path(r"^((?:[\w\-]+/)*)$", serve_page, name="wagtail_serve"),
    prefix_default_language=True,
)
