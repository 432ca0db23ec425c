"""Background work of the training app (django-tasks; `manage.py db_worker` runs it).

Each task is a thin wrapper that loads what it needs by id and calls a service, so the same
work can run inline (demo data, tests) or in the worker.
"""

from django_tasks import task


@task()
def send_registration_email(registration_id: int, kind: str) -> None:
    """E-mail a participant about their registration (confirmed, waitlisted, promoted, …)."""
    from training.services.registration import send_registration_email as send

    send(registration_id, kind)


@task()
def issue_certificates(batch_id: int) -> None:
    """Issue the certificates of a bulk run, updating its progress as each one is made."""
    from training.services.certificates import run_batch

    run_batch(batch_id)


@task()
def anonymise_expired_registrations() -> int:
    """Anonymise registrations past the retention period; returns how many."""
    from training.services.privacy import anonymise_expired_registrations as anonymise

    return anonymise()
