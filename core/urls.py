from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("organisation/", views.switch_organisation, name="switch_organisation"),
    path("audit/", views.audit_log, name="audit_log"),
    path("second-factor/enrol/", views.otp_enrol, name="otp_enrol"),
    path("second-factor/", views.otp_verify, name="otp_verify"),
    path("members/", views.members, name="members"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/<int:user_id>/", views.member_edit, name="member_edit"),
    # The people and institutions directories.
    path("people/", views.people, name="people"),
    path("people/new/", views.person_add, name="person_add"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("institutions/", views.institutions, name="institutions"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution_edit"),
]
