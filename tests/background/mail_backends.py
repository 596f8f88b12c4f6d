"""Test email backends: one always down, one down for a while, one that counts."""

import os
import smtplib
import time

from django.core.mail.backends.base import BaseEmailBackend


class MailServerDown(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FlakyMailServer(BaseEmailBackend):
    """Fails ``failures`` times, then delivers to ``delivered``."""

    failures = 2
    delivered: list = []

    def send_messages(self, messages):
        if FlakyMailServer.failures > 0:
            FlakyMailServer.failures -= 1
            raise smtplib.SMTPConnectError(421, "Try again later")
        FlakyMailServer.delivered.extend(messages)
        return len(messages)


class CountingMailbox(BaseEmailBackend):
    """Appends one line per message to the file ``LMS_TEST_MAILBOX``, slowly if asked.

    Real worker processes use it: the test reads the file to count what was sent.
    """

    def send_messages(self, messages):
        time.sleep(float(os.environ.get("LMS_TEST_MAIL_DELAY", "0")))
        with open(os.environ["LMS_TEST_MAILBOX"], "a", encoding="utf-8") as mailbox:
            for message in messages:
                mailbox.write(f"{message.to[0]}\t{message.subject}\n")
        return len(messages)
