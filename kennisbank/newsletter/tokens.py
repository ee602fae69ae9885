"""Signed links. A link carries the subscriber id and their random key, signed with the site's
SECRET_KEY. Confirmation links expire; preference/unsubscribe links do not (they must work in
every mail ever sent) but die when the key is replaced or the subscriber is erased."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "kennisbank.newsletter.confirm"
MANAGE_SALT = "kennisbank.newsletter.manage"


def _payload(subscriber) -> str:
    return f"{subscriber.pk}:{subscriber.key}"


def confirm_token(subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(_payload(subscriber))


def manage_token(subscriber) -> str:
    return signing.Signer(salt=MANAGE_SALT).sign(_payload(subscriber))


def _subscriber_from(payload: str):
    from .models import Subscriber

    pk, _sep, key = payload.partition(":")
    if not pk.isdigit() or not key:
        return None
    return Subscriber.objects.filter(pk=int(pk), key=key).first()


def subscriber_from_confirm_token(token: str):
    """The subscriber, or None for a bad, expired or voided token."""
    max_age = settings.NEWSLETTER_CONFIRM_MAX_AGE
    try:
        payload = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    return _subscriber_from(payload)


def subscriber_from_manage_token(token: str):
    try:
        payload = signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return _subscriber_from(payload)
