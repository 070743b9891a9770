"""Accounts: board staff and the cell secretaries who read the materials."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Organisation


class User(AbstractUser):
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations"),
        blank=True,
        related_name="members",
        help_text=_("Party cells a reader belongs to, or the board a staff member works in."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.get_full_name() or self.username
