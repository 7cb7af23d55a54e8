"""Phone numbers: normalised to E.164 and kept only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac

import phonenumbers

DEFAULT_REGION = "US"


class PhoneError(ValueError):
    """The text is not a phone number we can use."""


def normalise(raw: str, region: str = DEFAULT_REGION) -> str:
    """'(213) 555-0142' -> '+12135550142'; numbers without a country code are `region`'s."""
    text = raw.strip()
    # Telegram sends contacts' numbers as bare digits with the country code ("12135550142").
    if text.isdigit() and len(text) > 10:
        text = "+" + text
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise PhoneError("not a phone number") from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:  # local-only numbers too
        raise PhoneError("not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_hash(e164: str, secret: str) -> str:
    """A keyed hash of a normalised number: matching works, reading the number back does not."""
    return hmac.new(secret.encode(), e164.encode(), hashlib.sha256).hexdigest()
