"""Email backends for the tests: like locmem, but an SMTP server that refuses some addresses, or
one that never answers."""

import os
import smtplib
import threading
from pathlib import Path

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

REFUSED = "ditolak@example.test"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.to:
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"5.1.1 mailbox unavailable")})
        return super().send_messages(messages)


class HangingBackend(EmailBackend):
    """A mail server that never answers, for a worker process a test kills mid-send: the first send
    writes the file ``PAMONG_TEST_HANG_MARKER`` names (the test waits for it), then hangs."""

    def send_messages(self, messages):
        Path(os.environ["PAMONG_TEST_HANG_MARKER"]).write_text(",".join(a for m in messages for a in m.to))
        threading.Event().wait(timeout=300)  # until the test kills the process
        raise smtplib.SMTPServerDisconnected("no answer")


class SmsChannel:
    """A third channel as a gateway would add it: an address per person, a send that may fail."""

    name = "sms"
    sent: list = []

    def address_for(self, user) -> str:
        return "+62811000" + str(user.pk) if user.username.startswith("sms") else ""

    def send(self, messages) -> None:
        for message in messages:
            type(self).sent.append((message.address, [n.title for n in message.notifications]))


__all__ = ["REFUSED", "HangingBackend", "RefusingBackend", "SmsChannel", "mail"]
