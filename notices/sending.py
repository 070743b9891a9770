"""Creating notices with their deliveries, and working through the deliveries due.

``notify`` only writes rows; the sending runs in the task worker once the transaction commits
(``tasks.send_notices``) and again from ``manage.py send_reminders``, so a step that tells
people never waits for, or fails with, a mail server.
"""

import datetime
import logging

from django.db import connection, models, transaction
from django.utils import timezone

from .channels import channels
from .models import IN_SITE, Delivery, Notice, Preference

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd... failed attempt; the last one repeats until MAX_ATTEMPTS.
BACKOFF = [datetime.timedelta(minutes=m) for m in (5, 15, 60, 180, 360)]
MAX_ATTEMPTS = 10
BATCH = 100


def notify(recipients, kind, *, text, issue=None, link="", key=""):
    """Give each active recipient a notice of this kind, on the channels she keeps on.

    ``recipients``: accounts (a queryset or a list). ``key`` names the occasion: with one, an
    account already told of it (kind, issue, key) is not told again, and the database refuses
    a second copy. ``link``: a path in this site (the bell and e-mails lead there).
    Returns the notices created.
    """
    if link and (not link.startswith("/") or link.startswith("//")):
        raise ValueError(f"A notice links to a path in this site, not {link!r}.")
    if isinstance(recipients, models.QuerySet):
        users = recipients.filter(is_active=True).in_bulk()
    else:
        users = {user.pk: user for user in recipients if user.is_active}
    ids = set(users)
    if key:
        ids -= set(
            Notice.objects.filter(recipient__in=ids, kind=kind, issue=issue, key=key).values_list(
                "recipient_id", flat=True
            )
        )
    if not ids:
        return []
    off = _switched_off(ids, kind)
    targets = channels()
    now = timezone.now()
    with transaction.atomic():
        notices = Notice.objects.bulk_create(
            Notice(
                recipient_id=pk,
                kind=kind,
                issue=issue,
                link=link,
                text=text,
                key=key,
                in_site=(pk, IN_SITE) not in off,
                created_at=now,
            )
            for pk in sorted(ids)
            if not all((pk, name) in off for name in [IN_SITE, *targets])
        )
        Delivery.objects.bulk_create(
            Delivery(notice=notice, channel=name, next_attempt_at=now)
            for notice in notices
            for name, channel in targets.items()
            if (notice.recipient_id, name) not in off
            and channel.reaches(users[notice.recipient_id])
        )
        transaction.on_commit(_enqueue_sending, robust=True)
    return notices


def _switched_off(ids, kind):
    """{(account id, channel)} the accounts switched off for this kind."""
    return set(
        Preference.objects.filter(user__in=ids, kind=kind, enabled=False).values_list(
            "user_id", "channel"
        )
    )


def _enqueue_sending():
    from .tasks import send_notices

    send_notices.enqueue()


def deliver_pending(now=None):
    """Send every delivery that is due, a batch per channel at a time; returns (sent, failed).

    Each batch is claimed under row locks (skipped by a run already holding them on
    PostgreSQL), so the worker and the cron command never send the same delivery twice.
    """
    now = now or timezone.now()
    sent = failed = 0
    for name, channel in channels().items():
        while True:
            with transaction.atomic():
                batch = _claim(name, now)
                if not batch:
                    break
                errors = _send(channel, batch)
                _record(batch, errors, now)
            sent += len(batch) - len(errors)
            failed += len(errors)
            if len(batch) < BATCH:
                break
    return sent, failed


def _claim(name, now):
    due = Delivery.objects.filter(
        channel=name, status=Delivery.Status.PENDING, next_attempt_at__lte=now
    )
    if connection.features.has_select_for_update_skip_locked:
        due = due.select_for_update(skip_locked=True, of=("self",))
    return list(due.select_related("notice__recipient", "notice__issue").order_by("pk")[:BATCH])


def _send(channel, batch):
    try:
        return channel.send(batch)
    except Exception as error:  # the server is down: every delivery waits
        logger.warning("Channel %s could not send %d notices: %s", channel.name, len(batch), error)
        return {delivery.pk: f"{type(error).__name__}: {error}" for delivery in batch}


def _record(batch, errors, now):
    for delivery in batch:
        delivery.attempts += 1
        if delivery.pk in errors:
            delivery.last_error = errors[delivery.pk][:2000]
            wait = BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
            delivery.next_attempt_at = now + wait
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = Delivery.Status.FAILED
        else:
            delivery.status, delivery.sent_at = Delivery.Status.SENT, now
    Delivery.objects.bulk_update(
        batch, ["attempts", "last_error", "next_attempt_at", "status", "sent_at"]
    )
