"""Background work of the cases app (django-tasks; `manage.py db_worker` runs it).

Each task loads what it needs by id and calls a service, so the same work runs inline in tests.
"""

from django_tasks import task


@task()
def notify_glass_break(glass_break_id: int) -> int:
    """E-mail the organisation's administrators that someone opened a case in an emergency:
    who, which case code and when, with a link; never the reason or the case's content."""
    from cases.services.lifecycle import send_glass_break_emails

    return send_glass_break_emails(glass_break_id)


@task()
def notify_partner_of_referral(referral_id: int) -> int:
    """E-mail the partner organisation's users that a referral arrived: a link, no content."""
    from cases.services.referrals import send_referral_emails

    return send_referral_emails(referral_id)


@task()
def notify_case_manager_of_answer(referral_id: int) -> int:
    """E-mail the case manager that a partner organisation answered a referral: a link only."""
    from cases.services.referrals import send_answer_email

    return send_answer_email(referral_id)


@task()
def anonymise_expired_cases() -> int:
    """Anonymise the persons whose every case is past its retention date (daily, scheduled)."""
    from cases.services.rights import anonymise_expired

    return anonymise_expired()
