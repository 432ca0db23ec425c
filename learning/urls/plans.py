"""Action plans: the group's public page, the trainer's groups, the coordinator's overview."""

from django.urls import path

from learning.views import plans

urlpatterns = [
    # Public: the group's secret link, opened on one phone or laptop without an account.
    path("plan/<str:token>/", plans.plan_public, name="plan_public"),
    # The trainer: groups of a training, their links and QR codes, the collection switch.
    path("trainings/<int:pk>/learning/plans/", plans.plan_groups, name="plan_groups"),
    path(
        "trainings/<int:pk>/learning/plans/collection/",
        plans.plan_collection,
        name="plan_collection",
    ),
    path("learning/plans/groups/<int:pk>/", plans.plan_group, name="plan_group"),
    # The coordinator: every plan and workshop request, and their follow-up.
    path("learning/plans/", plans.plans_overview, name="plans_overview"),
    path("learning/plans/requests/<int:pk>/", plans.workshop_request, name="workshop_request"),
    path(
        "learning/plans/requests/export/",
        plans.workshop_requests_export,
        name="workshop_requests_export",
    ),
]
