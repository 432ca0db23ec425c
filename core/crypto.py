"""Field encryption (AES-256-GCM, key ids, rotation) and HMAC blind indexes for exact search.

Stored form of an encrypted value: ``enc1:<key id>:<base64url(nonce + ciphertext + tag)>``.
The associated data binds a ciphertext to its column ("app_label.model.field"), so a value
copied into another column or row type fails to decrypt instead of being shown there.

Keys come from settings (see docs/security.md):
- ``FIELD_ENCRYPTION_KEYS = "kid:base64url-32-bytes,kid2:..."`` — the first encrypts, all decrypt;
- ``BLIND_INDEX_KEY = "base64url-32-bytes"`` — the HMAC key of blind indexes.

A wrong, unknown or missing key raises ``DecryptionError`` / ``EncryptionError``; ciphertext is
never handed out as if it were the value.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django import forms
from django.conf import settings
from django.core.exceptions import FieldError
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver

FORMAT_VERSION = "enc1"
NONCE_BYTES = 12
KEY_BYTES = 32
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class FieldCryptoError(Exception):
    """Base of every field-encryption failure."""


class EncryptionError(FieldCryptoError):
    """A value could not be encrypted (usually: no key configured)."""


class DecryptionError(FieldCryptoError):
    """A stored value could not be decrypted: wrong or unknown key, altered or moved ciphertext."""


class KeyConfigurationError(EncryptionError, DecryptionError):
    """The keys in settings are missing or malformed (caught by handlers of either error)."""


@dataclass(frozen=True)
class KeyRing:
    current_key_id: str
    ciphers: dict[str, AESGCM]


def _decode_key(text: str, what: str) -> bytes:
    text = text.strip().replace("+", "-").replace("/", "_")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise KeyConfigurationError(f"{what} is not valid base64url.") from error
    if len(raw) != KEY_BYTES:
        raise KeyConfigurationError(f"{what} must be {KEY_BYTES} bytes, not {len(raw)}.")
    return raw


@functools.cache
def key_ring() -> KeyRing:
    """The field keys parsed from settings.FIELD_ENCRYPTION_KEYS (cached until settings change)."""
    configured = getattr(settings, "FIELD_ENCRYPTION_KEYS", "") or ""
    ciphers: dict[str, AESGCM] = {}
    for item in configured.split(","):
        if not item.strip():
            continue
        key_id, sep, key = item.strip().partition(":")
        if not sep or not _KEY_ID.match(key_id):
            raise KeyConfigurationError(
                "FIELD_ENCRYPTION_KEYS entries must look like 'kid:base64url-key' with a key id "
                "of letters, digits, '-' or '_'."
            )
        if key_id in ciphers:
            raise KeyConfigurationError(
                f"Key id {key_id!r} appears twice in FIELD_ENCRYPTION_KEYS."
            )
        ciphers[key_id] = AESGCM(_decode_key(key, f"Field key {key_id!r}"))
    if not ciphers:
        raise KeyConfigurationError(
            "FIELD_ENCRYPTION_KEYS (PUTOKAZ_FIELD_KEYS) is not set: encrypted fields cannot be "
            "read or written. Run `manage.py ensure_secrets` or configure the environment."
        )
    return KeyRing(current_key_id=next(iter(ciphers)), ciphers=ciphers)


@functools.cache
def _blind_index_key() -> bytes:
    configured = getattr(settings, "BLIND_INDEX_KEY", "") or ""
    if not configured.strip():
        raise KeyConfigurationError(
            "BLIND_INDEX_KEY (PUTOKAZ_BLIND_INDEX_KEY) is not set: blind indexes cannot be computed."
        )
    return _decode_key(configured, "BLIND_INDEX_KEY")


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    # Tests (and override_settings) swap keys at run time; the parsed keys must follow.
    if setting in {"FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY"}:
        key_ring.cache_clear()
        _blind_index_key.cache_clear()


def _associated_data(key_id: str, context: str) -> bytes:
    return f"{FORMAT_VERSION}:{key_id}:{context}".encode()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def key_id_of(token: str) -> str:
    """The key id a stored value was encrypted under (raises DecryptionError if not ours)."""
    version, sep, rest = token.partition(":")
    key_id, sep2, _payload = rest.partition(":")
    if version != FORMAT_VERSION or not sep or not sep2 or not key_id:
        raise DecryptionError("The stored value is not in the encrypted-field format.")
    return key_id


def encrypt(value: str, context: str) -> str:
    """Encrypt `value` for the column named by `context` under the current (first) key."""
    ring = key_ring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.ciphers[ring.current_key_id].encrypt(
        nonce, value.encode("utf-8"), _associated_data(ring.current_key_id, context)
    )
    return f"{FORMAT_VERSION}:{ring.current_key_id}:{_b64(nonce + sealed)}"


def decrypt(token: str, context: str) -> str:
    """Decrypt a stored value of the column named by `context`, under whichever key it names."""
    key_id = key_id_of(token)
    cipher = key_ring().ciphers.get(key_id)
    if cipher is None:
        raise DecryptionError(
            f"The value was encrypted under key {key_id!r}, which is not in FIELD_ENCRYPTION_KEYS."
        )
    payload = token.split(":", 2)[2]
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError) as error:
        raise DecryptionError("The stored value is not valid base64url.") from error
    if len(raw) <= NONCE_BYTES:
        raise DecryptionError("The stored value is truncated.")
    try:
        plain = cipher.decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], _associated_data(key_id, context)
        )
    except InvalidTag as error:
        raise DecryptionError(
            f"The value under key {key_id!r} does not decrypt for {context}: wrong key, altered "
            "value, or a value moved from another column."
        ) from error
    return plain.decode("utf-8")


def encrypt_bytes(data: bytes, context: str) -> bytes:
    """Encrypt a file's bytes for `context`: key id, NUL, nonce + ciphertext + tag."""
    ring = key_ring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.ciphers[ring.current_key_id].encrypt(
        nonce, data, _associated_data(ring.current_key_id, context)
    )
    return ring.current_key_id.encode("ascii") + b"\x00" + nonce + sealed


def decrypt_bytes(blob: bytes, context: str) -> bytes:
    """The bytes `encrypt_bytes` sealed for `context` (DecryptionError if not)."""
    key_id_raw, sep, raw = bytes(blob).partition(b"\x00")
    key_id = key_id_raw.decode("ascii", errors="replace")
    cipher = key_ring().ciphers.get(key_id)
    if not sep or cipher is None or len(raw) <= NONCE_BYTES:
        raise DecryptionError("The stored file is not encrypted under a configured key.")
    try:
        return cipher.decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], _associated_data(key_id, context)
        )
    except InvalidTag as error:
        raise DecryptionError(f"The stored file does not decrypt for {context}.") from error


def reencrypt(token: str, context: str) -> str | None:
    """The value re-encrypted under the current key, or None if it already uses that key."""
    if key_id_of(token) == key_ring().current_key_id:
        return None
    return encrypt(decrypt(token, context), context)


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; reads decrypt, writes encrypt, only `isnull` can filter.

    `context` defaults to "app_label.model.field". Renaming the model or field changes it, so
    pass the old one explicitly (``context="cases.person.name"``) to keep reading old rows.
    `max_length` is enforced by forms only (the ciphertext is longer than the value).
    """

    description = "Encrypted text"

    def __init__(self, *args: Any, context: str | None = None, **kwargs: Any) -> None:
        self.explicit_context = context
        super().__init__(*args, **kwargs)

    @property
    def context(self) -> str:
        if self.explicit_context:
            return self.explicit_context
        return f"{self.model._meta.label_lower}.{self.name}"

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _path, args, kwargs = super().deconstruct()
        if self.explicit_context:
            kwargs["context"] = self.explicit_context
        return name, "core.crypto.EncryptedTextField", args, kwargs

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value, self.context)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value, self.context)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.model._meta.label}.{self.name} is encrypted: only `isnull` can filter it "
                f"(not `{lookup_name}`). Search an exact value through its blind index."
            )
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(
            f"{self.model._meta.label}.{self.name} is encrypted: `{lookup_name}` cannot apply to it."
        )

    def formfield(self, **kwargs: Any) -> Any:
        # A short value (phone, e-mail) gets a one-line input; free text keeps the textarea.
        if self.max_length is not None and not self.choices:
            return super().formfield(**{"widget": forms.TextInput, **kwargs})
        return super().formfield(**kwargs)


# --- Blind indexes --------------------------------------------------------------------------


def normalise_text(value: str) -> str:
    """Default normaliser: Unicode-compatible form, casefolded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def normalise_email(value: str) -> str:
    """E-mail addresses compare without case and surrounding spaces."""
    return unicodedata.normalize("NFKC", value).strip().casefold()


def normalise_phone(value: str) -> str:
    """Digits only, with the international '00' prefix read as '+' ("+381 11" == "0038111")."""
    digits = "".join(str(unicodedata.digit(char)) for char in value if char.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    return digits


def blind_index(
    value: str | None, purpose: str, normalise: Callable[[str], str] = normalise_text
) -> str:
    """HMAC-SHA256 (hex, 64 chars) of the normalised value, keyed per deployment and purpose.

    `purpose` (e.g. "catalogue.enquiry.email") keeps equal values in different columns from
    having equal indexes. Empty values get "" so "no value" is not one shared, countable hash.
    """
    if not purpose or "\x00" in purpose:
        raise ValueError("A blind index needs a purpose without NUL characters.")
    normalised = normalise(value or "")
    if not normalised:
        return ""
    message = purpose.encode("utf-8") + b"\x00" + normalised.encode("utf-8")
    return hmac.new(_blind_index_key(), message, hashlib.sha256).hexdigest()
