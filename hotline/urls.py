from django.urls import path

from hotline.views import children, handovers, lists, online, public, shift

app_name = "hotline"

urlpatterns = [
    # The shift: start, record and finish contacts (views/shift.py).
    path("hotline/", shift.index, name="index"),
    path("hotline/contacts/new/", shift.contact_start, name="contact_start"),
    path("hotline/contacts/quick/", shift.quick_contact, name="quick_contact"),
    path("hotline/contacts/drafts/", shift.drafts, name="drafts"),
    path("hotline/contacts/<int:pk>/edit/", shift.contact_edit, name="contact_edit"),
    path("hotline/contacts/<int:pk>/draft/", shift.contact_draft, name="contact_draft"),
    path("hotline/contacts/<int:pk>/discard/", shift.contact_discard, name="contact_discard"),
    # Lists, one contact, follow-ups and the monthly report (views/lists.py).
    path("hotline/contacts/", lists.contact_list, name="contact_list"),
    path("hotline/contacts/<int:pk>/", lists.contact_detail, name="contact_detail"),
    path("hotline/contacts/<int:pk>/follow-ups/", lists.follow_up_add, name="follow_up_add"),
    path("hotline/follow-ups/", lists.follow_ups, name="follow_ups"),
    path("hotline/follow-ups/<int:pk>/done/", lists.follow_up_done, name="follow_up_done"),
    path("hotline/reports/monthly/", lists.line_report, name="line_report"),
    # Anonymous online reports, the consultants' side (views/online.py).
    path("hotline/online-reports/", online.report_queue, name="report_queue"),
    path("hotline/online-reports/<int:pk>/", online.online_report, name="online_report"),
    path("hotline/online-reports/<int:pk>/reply/", online.report_reply, name="report_reply"),
    path("hotline/online-reports/<int:pk>/process/", online.report_process, name="report_process"),
    # Missing children (views/children.py).
    path("hotline/missing-children/", children.missing_children, name="missing_children"),
    path(
        "hotline/contacts/<int:pk>/missing-child/",
        children.missing_child_new,
        name="missing_child_new",
    ),
    path("hotline/missing-children/<int:pk>/", children.missing_child, name="missing_child"),
    path(
        "hotline/missing-children/<int:pk>/status/",
        children.missing_child_status,
        name="missing_child_status",
    ),
    # Hand-over to case managers (views/handovers.py).
    path(
        "hotline/contacts/<int:pk>/handover/", handovers.handover_request, name="handover_request"
    ),
    path("hotline/handovers/", handovers.handover_list, name="handovers"),
    path("hotline/handovers/<int:pk>/", handovers.handover_detail, name="handover"),
    path("hotline/handovers/<int:pk>/decide/", handovers.handover_decide, name="handover_decide"),
    # The public side of online reports (views/public.py).
    path("report/", public.report_form, name="public_report"),
    path("report/to/<slug:organisation>/", public.report_form, name="public_report_to"),
    path("report/sent/<str:reference>/", public.report_sent, name="report_sent"),
    path("report/follow-up/", public.report_sign_in, name="report_sign_in"),
    path("report/follow-up/<str:reference>/", public.report_thread, name="report_thread"),
]
