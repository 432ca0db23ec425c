"""The participant's private link: a signed registration id, so it cannot be guessed or altered."""

from django.core import signing

SALT = "training.registration"


def registration_token(registration_id: int) -> str:
    """The token in a participant's link (/r/<token>/) to view, cancel or erase a registration."""
    return signing.dumps(registration_id, salt=SALT, compress=False)


def registration_id_from(token: str) -> int | None:
    """The registration id in a token, or None when the token was altered or is not ours."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
