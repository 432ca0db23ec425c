"""The project's URLs plus `/bench/bare`: Django's floor (middleware, no template, no query)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from core.views import public


@public
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("bare", content_type="text/plain")


urlpatterns = [
    path("bench/bare", bare, name="bench_bare"),
    path("", include("putokaz.urls")),
]

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
