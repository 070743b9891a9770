"""Accounts: board staff and the cell secretaries who read the materials."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Organisation

from . import scope


class User(AbstractUser):
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations"),
        blank=True,
        related_name="members",
        help_text=_("Party cells a reader belongs to, or the board a staff member works in."),
    )

    phone = models.CharField(_("phone"), max_length=20, blank=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_(
            "Set when an administrator chose the password; cleared when the user sets one."
        ),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        """Vietnamese order: family and middle names, then the given name (Lục Văn Thư)."""
        return " ".join(filter(None, [self.last_name, self.first_name]))

    def reading_scope(self):
        """Ids of the user's organisations and all above them: an issue for a ward reaches
        the members of its cells. Cached per user and organisation-tree version (scope.py)."""
        return self._scopes()[0]

    def former_scope(self):
        """{organisation id: last day} of bodies the user's organisations succeeded or left:
        their members keep what was addressed to those bodies before the change."""
        return self._scopes()[1]

    def cell_types(self):
        """Ids of the cell types of the user's organisations (a reader's cell): which sections
        written for some types of cell they read (bulletins.audience). Cached with the scopes."""
        return self._scopes()[2]

    def _scopes(self):
        if not hasattr(self, "_cached_scopes"):
            self._cached_scopes = scope.scopes(self)
        return self._cached_scopes
