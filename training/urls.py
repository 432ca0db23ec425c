from django.urls import path

from training.views import attendance, certificates, public, staff

app_name = "training"

urlpatterns = [
    # Public: participants hold no account.
    path("t/<slug:slug>/", public.training_page, name="public_training"),
    path("t/<slug:slug>/institutions/", public.institution_search, name="institution_search"),
    path("t/<slug:slug>/check-in/<str:code>/", attendance.self_check_in, name="self_check_in"),
    path("r/<str:token>/", public.registration_detail, name="registration"),
    path("r/<str:token>/cancel/", public.registration_cancel, name="registration_cancel"),
    path("r/<str:token>/calendar.ics", public.registration_calendar, name="registration_ics"),
    path("r/<str:token>/my-data.json", public.registration_data, name="registration_data"),
    path("r/<str:token>/erase/", public.registration_erase, name="registration_erase"),
    path(
        "r/<str:token>/certificate.pdf",
        certificates.participant_certificate,
        name="registration_certificate",
    ),
    path("verify/", certificates.verify_form, name="verify_form"),
    path("verify/<str:code>/", certificates.verify, name="verify"),
    # Staff: the season and each training.
    path("trainings/", staff.season, name="season"),
    path("trainings/new/", staff.training_add, name="training_add"),
    path("trainings/<int:pk>/", staff.training_detail, name="training_detail"),
    path("trainings/<int:pk>/edit/", staff.training_edit, name="training_edit"),
    path("trainings/<int:pk>/status/", staff.training_status, name="training_status"),
    path("trainings/<int:pk>/agenda/", staff.agenda_edit, name="agenda_edit"),
    path("trainings/<int:pk>/agenda.pdf", staff.agenda_pdf, name="agenda_pdf"),
    path(
        "trainings/<int:pk>/participants.<str:fmt>",
        staff.participants_export,
        name="participants_export",
    ),
    path(
        "trainings/<int:pk>/attendance.<str:fmt>",
        staff.attendance_export,
        name="attendance_export",
    ),
    path(
        "trainings/registrations/<int:pk>/cancel/",
        staff.registration_cancel,
        name="staff_registration_cancel",
    ),
    path("trainings/privacy-notice/", staff.privacy_notice, name="privacy_notice"),
    # Attendance.
    path("trainings/days/<int:pk>/roll-call/", attendance.roll_call, name="roll_call"),
    path("trainings/days/<int:pk>/check-in/", attendance.check_in_screen, name="check_in_screen"),
    path("trainings/days/<int:pk>/check-in/code/", attendance.check_in_code, name="check_in_code"),
    path(
        "trainings/days/<int:pk>/sign-in-sheet.pdf", attendance.sign_in_sheet, name="sign_in_sheet"
    ),
    # Certificates.
    path("trainings/<int:pk>/certificates/", certificates.certificate_list, name="certificates"),
    path(
        "trainings/<int:pk>/certificates/issue/",
        certificates.issue,
        name="certificates_issue",
    ),
    path(
        "trainings/certificate-runs/<int:pk>/",
        certificates.batch_progress,
        name="certificate_batch",
    ),
    path(
        "trainings/certificates/<int:pk>/revoke/",
        certificates.revoke,
        name="certificate_revoke",
    ),
    path(
        "trainings/certificates/<int:pk>/pdf/",
        certificates.certificate_pdf,
        name="certificate_pdf",
    ),
]
