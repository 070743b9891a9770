"""Accounts follow their organisation when it is merged or dissolved into another."""

from django.utils.translation import gettext as _


def move_members(sender, moves, day, apply, **kwargs):
    """Readers of a merged cell and staff of a merged board now belong to the successor."""
    lines = []
    for old, new in moves.items():
        members = list(old.members.order_by("username"))
        if not members:
            continue
        lines.append(
            _("Accounts moved from %(old)s to %(new)s: %(accounts)s")
            % {
                "old": old.name,
                "new": new.name,
                "accounts": ", ".join(member.get_username() for member in members),
            }
        )
        if apply:
            for member in members:
                member.organisations.remove(old)
                member.organisations.add(new)
    return lines
