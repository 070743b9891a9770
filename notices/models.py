"""A notice to one account, its deliveries through the channels, and what each account wants.

The notice itself is the in-site delivery (the bell); each other channel (e-mail today) gets a
Delivery row that the sender works through with retries, so a mail server that is down never
loses a notice or holds up the step that caused it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bulletins.models import Issue

IN_SITE = "site"  # the channel name of the notice itself, for preferences


class Kind(models.TextChoices):
    # For readers (cell secretaries).
    NEW_ISSUE = "new_issue", _("A new issue for my cell is published")
    REMINDER = "reminder", _("My cell has not confirmed reading before the meeting")
    ANSWER = "answer", _("The board answered my cell's question")
    # For editors.
    SENT_BACK = "sent_back", _("My issue was sent back")
    PUBLISHED = "published", _("My issue was published")
    CORRECTED = "corrected", _("My issue was corrected by an approver")
    # For approvers.
    AWAITING_REVIEW = "awaiting_review", _("An issue waits for review")
    SCHEDULED_PUBLISHED = "scheduled_published", _("A scheduled issue was published")


READER_KINDS = (Kind.NEW_ISSUE, Kind.REMINDER, Kind.ANSWER)
EDITOR_KINDS = (Kind.SENT_BACK, Kind.PUBLISHED, Kind.CORRECTED)
APPROVER_KINDS = (Kind.AWAITING_REVIEW, Kind.SCHEDULED_PUBLISHED)


class NoticeQuerySet(models.QuerySet):
    def shown_to(self, user):
        """The notices in the user's bell: her own, never anyone else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user, in_site=True)

    def unread(self):
        return self.filter(read_at=None)


class Notice(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    issue = models.ForeignKey(
        Issue,
        verbose_name=_("issue"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link = models.CharField(
        _("link"), max_length=500, blank=True, help_text=_("Where the notice leads to.")
    )
    text = models.TextField(_("text"))
    # Names one occasion, so it is never noticed twice (a reminder: the meeting day).
    key = models.CharField(_("occasion"), max_length=100, blank=True)
    in_site = models.BooleanField(_("shown in the site"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "issue", "key"],
                condition=~Q(key=""),
                name="unique_notice_per_occasion",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_bell_order"),
            models.Index(fields=["recipient"], condition=Q(read_at=None), name="notice_unread"),
        ]

    def __str__(self):
        return self.text[:80]


class Delivery(models.Model):
    """One notice sent, or to be sent, through one channel."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Given up")

    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notice", "channel"], name="unique_delivery")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="delivery_due",
            )
        ]

    def __str__(self):
        return f"{self.channel}: {self.notice}"


class Preference(models.Model):
    """An account's choice for one kind on one channel; without a row, the kind is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="notice_preferences",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20)
    enabled = models.BooleanField(_("on"), default=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="unique_notice_preference"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} / {self.channel}"
