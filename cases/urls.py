from django.urls import path

from cases.views import assistance, cases, profile, referrals, rights

app_name = "cases"

C = "cases/<int:pk>/"

urlpatterns = [
    # The list, opening a case, the duplicate check, one case and its life (views/cases.py).
    path("cases/", cases.case_list, name="case_list"),
    path("cases/new/", cases.case_new, name="case_new"),
    path(
        "cases/from-handover/<int:handover>/",
        cases.case_from_handover,
        name="case_from_handover",
    ),
    path("cases/duplicates/", cases.duplicate_check, name="duplicate_check"),
    path(C, cases.case_detail, name="case_detail"),
    path(C + "person/", cases.person_edit, name="person_edit"),
    path(C + "assign/", cases.case_assign, name="case_assign"),
    path(C + "close/", cases.case_close, name="case_close"),
    path(C + "reopen/", cases.case_reopen, name="case_reopen"),
    path(C + "break-the-glass/", cases.break_glass, name="break_glass"),
    path("cases/break-the-glass/", cases.glass_breaks, name="glass_breaks"),
    path("cases/teams/", cases.teams, name="teams"),
    path("cases/teams/<int:team>/", cases.team_edit, name="team_edit"),
    # Identification, exploitation, traffickers and court (views/profile.py).
    path(C + "identification/", profile.identification, name="identification"),
    path(C + "exploitation/", profile.exploitation, name="exploitation"),
    path(C + "exploitation/<int:item>/", profile.exploitation_edit, name="exploitation_edit"),
    path(
        C + "exploitation/<int:item>/delete/",
        profile.exploitation_delete,
        name="exploitation_delete",
    ),
    path(C + "traffickers/", profile.traffickers, name="traffickers"),
    path(C + "traffickers/<int:item>/delete/", profile.trafficker_delete, name="trafficker_delete"),
    path(C + "court/", profile.court, name="court"),
    path(C + "court/<int:item>/", profile.court_edit, name="court_edit"),
    path(C + "court/<int:item>/hearings/", profile.hearing_add, name="hearing_add"),
    # Needs, plans, services, notes, documents and the timeline (views/assistance.py).
    path(C + "needs/", assistance.needs, name="needs"),
    path(C + "needs/new/", assistance.needs_new, name="needs_new"),
    path(C + "plans/", assistance.plans, name="plans"),
    path(C + "plans/new/", assistance.plan_new, name="plan_new"),
    path(C + "plans/<int:item>/", assistance.plan_edit, name="plan_edit"),
    path(C + "services/", assistance.services, name="services"),
    path(C + "timeline/", assistance.timeline, name="timeline"),
    path(C + "notes/", assistance.note_add, name="note_add"),
    path(C + "documents/", assistance.document_upload, name="document_upload"),
    path(C + "documents/<int:item>/", assistance.document_download, name="document_download"),
    # Referrals and consent; a partner organisation's inbox (views/referrals.py).
    path(C + "referrals/", referrals.referrals, name="referrals"),
    path(C + "referrals/<int:item>/status/", referrals.referral_status, name="referral_status"),
    path(C + "consents/", referrals.consents, name="consents"),
    path(C + "consents/<int:item>/withdraw/", referrals.consent_withdraw, name="consent_withdraw"),
    path("referrals/", referrals.incoming, name="incoming"),
    path("referrals/<int:item>/", referrals.incoming_detail, name="incoming_detail"),
    # The person's rights: export and erasure (views/rights.py).
    path(C + "rights/", rights.rights, name="rights"),
    path(C + "rights/export/", rights.rights_export, name="rights_export"),
    path(C + "rights/erase/", rights.rights_erase, name="rights_erase"),
]
