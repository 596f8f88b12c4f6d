"""The site's URLs plus the baseline: the smallest Django view this stack can serve."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import handler500  # noqa: F401 (the site's: 503 when busy)
from lms.urls import urlpatterns as site_urlpatterns


def ping(request):
    return HttpResponse(b"pong", content_type="text/plain")


urlpatterns = [path("bench/ping/", ping, name="bench_ping"), *site_urlpatterns]
