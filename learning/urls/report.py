"""The learning index, each training's learning hub and its report (HTML and PDF)."""

from django.urls import path

from learning.views import hub, report

urlpatterns = [
    path("learning/", hub.index, name="index"),
    path("trainings/<int:pk>/learning/", hub.training_hub, name="training_hub"),
    path("trainings/<int:pk>/report/", report.training_report, name="training_report"),
    path("trainings/<int:pk>/report.pdf", report.training_report_pdf, name="training_report_pdf"),
]
