from django.urls import path

from catalogue import views

app_name = "catalogue"

urlpatterns = [
    # Public catalogue: no sign-in.
    path("programmes/", views.public_list, name="public_list"),
    path("programmes/<slug:slug>/", views.public_detail, name="public_detail"),
    path("programmes/<slug:slug>/thanks/", views.enquiry_thanks, name="enquiry_thanks"),
    # Staff back office.
    path("catalogue/", views.programme_list, name="programme_list"),
    path("catalogue/new/", views.programme_add, name="programme_add"),
    path("catalogue/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("catalogue/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path(
        "catalogue/<int:pk>/accreditations/new/",
        views.accreditation_add,
        name="accreditation_add",
    ),
    path(
        "catalogue/accreditations/<int:pk>/edit/",
        views.accreditation_edit,
        name="accreditation_edit",
    ),
    path(
        "catalogue/accreditations/<int:pk>/decision/",
        views.accreditation_file,
        name="accreditation_file",
    ),
    path("catalogue/bodies/", views.body_list, name="body_list"),
    path("catalogue/bodies/new/", views.body_add, name="body_add"),
    path("catalogue/bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("catalogue/enquiries/", views.enquiry_list, name="enquiry_list"),
    path("catalogue/enquiries/<int:pk>/", views.enquiry_detail, name="enquiry_detail"),
]
