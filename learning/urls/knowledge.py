"""Knowledge tests: the question bank, a training's test and results, the participant's quiz."""

from django.urls import path, re_path

from learning.views import knowledge

PHASE = r"(?P<phase>pre|post)"

urlpatterns = [
    path("learning/questions/", knowledge.question_list, name="question_list"),
    path("learning/questions/new/", knowledge.question_add, name="question_add"),
    path("learning/questions/<int:pk>/", knowledge.question_edit, name="question_edit"),
    path("trainings/<int:pk>/knowledge-test/", knowledge.knowledge_test, name="knowledge_test"),
    path(
        "trainings/<int:pk>/knowledge-test/edit/",
        knowledge.knowledge_test_edit,
        name="knowledge_test_edit",
    ),
    re_path(
        rf"^trainings/(?P<pk>[0-9]+)/knowledge-test/{PHASE}/$",
        knowledge.knowledge_phase,
        name="knowledge_phase",
    ),
    path(
        "trainings/<int:pk>/knowledge-test/results/",
        knowledge.knowledge_results,
        name="knowledge_results",
    ),
    re_path(rf"^quiz/(?P<token>[A-Za-z0-9_-]+)/{PHASE}/$", knowledge.quiz, name="quiz"),
]
