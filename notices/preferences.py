"""Which kinds of notice an account may receive, and her choice for each on each channel."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.roles import APPROVER, EDITOR, SECRETARY

from .channels import channels
from .models import APPROVER_KINDS, EDITOR_KINDS, IN_SITE, READER_KINDS, Kind, Preference

KINDS_FOR_ROLE = {SECRETARY: READER_KINDS, EDITOR: EDITOR_KINDS, APPROVER: APPROVER_KINDS}


def kinds_for(user):
    """The kinds this account can be sent, in the order of Kind."""
    if user.is_superuser:
        return list(Kind)
    roles = set(user.groups.values_list("name", flat=True))
    wanted = {kind for role, kinds in KINDS_FOR_ROLE.items() if role in roles for kind in kinds}
    return [kind for kind in Kind if kind in wanted]


def channel_choices():
    return [(IN_SITE, _("In the site")), *((c.name, c.label) for c in channels().values())]


class PreferencesForm(forms.Form):
    """One box per kind and channel; ticked means on (the default without a saved choice)."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.rows = []
        off = set(
            Preference.objects.filter(user=user, enabled=False).values_list("kind", "channel")
        )
        for kind in kinds_for(user):
            row = []
            for channel, label in channel_choices():
                name = f"{kind}:{channel}"
                self.fields[name] = forms.BooleanField(
                    label=f"{kind.label} — {label}",
                    required=False,
                    initial=(kind.value, channel) not in off,
                )
                row.append((label, name))
            self.rows.append((kind.label, [(label, self[name]) for label, name in row]))

    @transaction.atomic
    def save(self):
        for name, enabled in self.cleaned_data.items():
            kind, channel = name.split(":", 1)
            Preference.objects.update_or_create(
                user=self.user, kind=kind, channel=channel, defaults={"enabled": enabled}
            )
