"""Background work of the hotline app (django-tasks; `manage.py db_worker` runs it).

Each task loads what it needs by id and calls a service, so the same work runs inline in tests.
"""

from django_tasks import task


@task()
def notify_consultants_of_report(report_id: int, kind: str) -> int:
    """E-mail the SOS consultants that an online report ("new") or more information on one
    ("information") arrived; never its content."""
    from hotline.services.online_reports import send_report_notification

    return send_report_notification(report_id, kind)


@task()
def notify_case_managers(handover_id: int) -> None:
    """E-mail the organisation's case managers that a contact was handed over; never its
    content."""
    from hotline.services.handovers import send_handover_emails

    send_handover_emails(handover_id)
