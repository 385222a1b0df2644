"""Channels: how a notification leaves the site.

The inbox is the first channel: a :class:`~pamong.notifications.models.Notification` row *is* the
in-site delivery, shown by ``/saya/notifikasi/`` and the bell. Every other channel implements
:class:`Channel` and is listed in ``settings.PAMONG_NOTIFICATION_CHANNELS``; the worker
(:mod:`pamong.notifications.delivery`) hands it the notifications a person wants sent now, or their
daily digest, and records each send as a :class:`~pamong.notifications.models.Delivery` with its
status and error. A WhatsApp or SMS gateway is one more class here (an ``address_for`` that reads a
phone number, a ``send`` that calls the gateway); no app changes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def absolute_url(link: str) -> str:
    """A site path as an absolute URL on the one configured base URL (``PAMONG_BASE_URL``)."""
    if link.startswith(("http://", "https://")):
        return link
    return settings.PAMONG_BASE_URL + (link if link.startswith("/") else "/" + link)


@dataclass
class Outgoing:
    """One message a channel is asked to send: to one person, about one or more notifications."""

    user: object
    address: str
    notifications: Sequence  # of Notification
    digest: bool = False
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


class Channel:
    """The interface of an outgoing channel."""

    name = ""

    def address_for(self, user) -> str:
        """Where this person is reached on this channel; empty when they cannot be."""
        raise NotImplementedError

    def send(self, messages: Sequence[Outgoing]) -> None:
        """Send each message; set ``message.error`` on those that failed. One failure never stops the
        others."""
        raise NotImplementedError


class InSiteChannel:
    """The inbox: nothing to send, the recorded notification is what the person sees."""

    name = "site"


class EmailChannel(Channel):
    """Email in Indonesian: HTML with a plain-text part, absolute links from ``PAMONG_BASE_URL``."""

    name = "email"

    def address_for(self, user) -> str:
        return (user.email or "").strip()

    def build(self, message: Outgoing) -> EmailMultiAlternatives:
        notifications = list(message.notifications)
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "user": message.user,
            "digest": message.digest,
            "items": [
                {"title": n.title, "detail": n.detail, "url": absolute_url(n.link)} for n in notifications
            ],
            "inbox_url": absolute_url("/saya/notifikasi/"),
            "preferences_url": absolute_url("/saya/notifikasi/preferensi/"),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("notifications/email/subject.txt", context).strip()
            text = render_to_string("notifications/email/notification.txt", context)
            html = render_to_string("notifications/email/notification.html", context)
        mail = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.address],
        )
        mail.attach_alternative(html, "text/html")
        return mail

    def send(self, messages: Sequence[Outgoing]) -> None:
        connection = get_connection()
        try:
            connection.open()
        except Exception as exc:  # the server is down: every message of this batch failed, said why
            for message in messages:
                message.error = f"{type(exc).__name__}: {exc}"
            return
        try:
            for position, message in enumerate(messages):
                try:
                    connection.send_messages([self.build(message)])
                except Exception as exc:  # a refused address (or any error) fails this one message only
                    message.error = f"{type(exc).__name__}: {exc}"[:2000]
                    logger.warning("notification email to %s failed: %s", message.address, message.error)
                    # The SMTP session may be broken after an error: start a fresh one for the rest.
                    connection.close()
                    try:
                        connection.open()
                    except Exception as reopen:
                        for rest in messages[position + 1 :]:
                            rest.error = f"{type(reopen).__name__}: {reopen}"
                        return
        finally:
            connection.close()


@cache
def outgoing_channels() -> tuple[Channel, ...]:
    paths = getattr(settings, "PAMONG_NOTIFICATION_CHANNELS", ["pamong.notifications.channels.EmailChannel"])
    return tuple(import_string(path)() for path in paths)
