"""Short random codes people read aloud or type from paper or a screen (certificate codes,
barometer join codes): upper-case letters and digits without look-alikes (0/O, 1/I/L)."""

import secrets

READABLE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def readable_code(length: int) -> str:
    """A random code of `length` characters from READABLE_ALPHABET."""
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))
