from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("", include("catalogue.urls")),
    path("", include("training.urls")),
    path("", include("learning.urls")),
    path("", include("hotline.urls")),
    path("", include("cases.urls")),
]

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
