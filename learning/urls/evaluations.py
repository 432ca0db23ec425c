from django.urls import path

from learning.views import evaluations as views

urlpatterns = [
    # Public: participants answer anonymously by link or QR.
    path("evaluate/<str:token>/", views.evaluate, name="evaluate"),
    # Coordinator: the programmes' questionnaires and which comments may be quoted.
    path("learning/questionnaires/", views.questionnaire_list, name="questionnaires"),
    path(
        "learning/questionnaires/<int:pk>/",
        views.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path(
        "learning/evaluation-answers/<int:pk>/shareable/",
        views.answer_shareable,
        name="answer_shareable",
    ),
    # Trainers and coordinators: a training's evaluation and its results.
    path("trainings/<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path(
        "trainings/<int:pk>/evaluation/status/",
        views.evaluation_status,
        name="evaluation_status",
    ),
    path(
        "trainings/<int:pk>/evaluation/results/",
        views.evaluation_results,
        name="evaluation_results",
    ),
]
