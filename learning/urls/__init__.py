from learning.urls import barometer, evaluations, knowledge, plans, report

app_name = "learning"

urlpatterns = [
    *barometer.urlpatterns,
    *knowledge.urlpatterns,
    *evaluations.urlpatterns,
    *plans.urlpatterns,
    *report.urlpatterns,
]
