"""The site's URLconf plus ``/bench/trivial/``: the ceiling of what the server can answer."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import handler400, handler404, handler500  # noqa: F401  (the site's error pages)
from cms.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *site_urlpatterns]
