"""Root URLs: admin and documents outside, the public site under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.views import serve_page, set_language

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("courses.urls")),
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
