from django.urls import path

from catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("programmes/", views.public_list, name="public_list"),
    path("catalogue/", views.programme_list, name="programme_list"),
    path("catalogue/enquiries/", views.enquiry_list, name="enquiry_list"),
]
