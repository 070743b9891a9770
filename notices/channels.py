"""Ways a notice leaves the site. Each channel is a class named in ``settings.NOTICE_CHANNELS``.

A channel says whom it can reach and sends a batch of deliveries, answering for each one
whether it went out. Adding Zalo OA or an SMS gateway is one subclass and one line in the
setting (README, Notices).
"""

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class Channel:
    name = ""  # stored on deliveries and preferences: never rename one in use
    label = ""

    def reaches(self, user):
        """Whether the account has an address on this channel."""
        raise NotImplementedError

    def send(self, deliveries):
        """Send each delivery (with ``notice`` and ``notice.recipient`` loaded); return
        {delivery pk: error text} for those that failed, an empty dict when all went out.
        Raising fails the whole batch with that error."""
        raise NotImplementedError


class EmailChannel(Channel):
    """E-mail through Django's mailers (MAILERS: console in development, SMTP in production)."""

    name = "email"
    label = _("E-mail")

    def reaches(self, user):
        return bool(user.email)

    def send(self, deliveries):
        failed = {}
        connection = mailers.default
        with connection:  # one connection for the batch; opening it may fail for all
            for delivery in deliveries:
                try:
                    connection.send_messages([self.message(delivery.notice)])
                except Exception as error:  # one bad address fails only its own
                    failed[delivery.pk] = f"{type(error).__name__}: {error}"
        return failed

    def message(self, notice):
        context = {"notice": notice, "site_url": settings.SITE_URL}
        return EmailMessage(
            subject=render_to_string("notices/email_subject.txt", context).strip(),
            body=render_to_string("notices/email_body.txt", context),
            to=[notice.recipient.email],
        )


def channels():
    """{name: channel} of the configured channels, besides the site itself."""
    found = (import_string(path)() for path in settings.NOTICE_CHANNELS)
    return {channel.name: channel for channel in found}
