"""Reorganisations of the tree: merge, dissolve, rename, move. One transaction each, audited.

The people app owns the tree; what hangs off an organisation in the apps above it (accounts,
unpublished issues) takes part through the ``reorganising`` signal, so this module never
imports upward. Each receiver returns the lines that describe what of its own moves and moves
it only when ``apply`` is true: the preview and the change are the same code.
Published issues are never rewritten: readers keep them through succession (``former_scope``).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from .models import Organisation, OrganisationName, Succession, Transfer

# Sent with moves={old organisation: new organisation}, day, apply; receivers return a list
# of human-readable lines.
reorganising = Signal()


@dataclass
class Outcome:
    """What a reorganisation does: the description for the audit log and the preview lines."""

    summary: str
    lines: list = field(default_factory=list)


def _audit(organisation, summary, actor):
    LogEntry.objects.log_create(
        organisation,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={"reorganisation": ["", summary]},
        actor=actor,
    )


def _names(organisations):
    return ", ".join(organisation.name for organisation in organisations)


def _check_alive(organisations, day, *, receiving=()):
    """Each organisation exists on ``day`` and did before it (it changes that day); one only
    ``receiving`` (a new parent) may start that very day."""
    for organisation in [*organisations, *receiving]:
        if organisation.existed_until is not None:
            raise ValidationError(_("“%(name)s” has already ended.") % {"name": organisation.name})
        starts = organisation.existed_from
        if starts is not None and (
            day < starts or (day == starts and organisation not in receiving)
        ):
            raise ValidationError(
                _("“%(name)s” did not exist yet on that day.") % {"name": organisation.name}
            )


def merge(sources, successor, day, *, actor=None, apply=False, kind=Succession.Kind.MERGED):
    """Merge ``sources`` into ``successor`` (new or existing) from ``day`` on.

    Their children move under the successor, their accounts, staff scopes and unpublished
    issues follow (signal receivers), and each source ends the day before, with the
    succession recorded. Without ``apply`` nothing is written: the outcome is the preview.
    """
    sources = list(sources)
    with transaction.atomic():
        if apply:
            sources = list(
                Organisation.objects.select_for_update().filter(pk__in=[s.pk for s in sources])
            )
        if not sources:
            raise ValidationError(_("Choose at least one organisation."))
        if successor.pk in {source.pk for source in sources}:
            raise ValidationError(_("An organisation cannot succeed itself."))
        _check_alive(sources, day)
        ending = {source.pk for source in sources}
        ancestors = Organisation.objects.with_ancestors([successor.pk]) if successor.pk else set()
        if ancestors & ending:
            raise ValidationError(_("The successor cannot be inside an organisation that ends."))
        children = Organisation.objects.filter(parent__in=sources).order_by("name")
        outcome = Outcome(
            _("%(sources)s merged into %(successor)s from %(day)s.")
            % {"sources": _names(sources), "successor": successor.name, "day": f"{day:%d/%m/%Y}"}
        )
        if children:
            outcome.lines.append(
                _("Moved under %(successor)s: %(children)s")
                % {"successor": successor.name, "children": _names(children)}
            )
        if successor.pk is None:
            taken = Organisation.objects.filter(parent=successor.parent, name=successor.name)
            if taken.exists():
                raise ValidationError(
                    _("An organisation named “%(name)s” already exists there.")
                    % {"name": successor.name}
                )
        if apply and successor.pk is None:
            successor.existed_from = successor.existed_from or day
            successor.save()
        moves = {source: successor for source in sources}
        for _receiver, lines in reorganising.send(
            sender=Organisation, moves=moves, day=day, apply=apply
        ):
            outcome.lines.extend(lines)
        if apply:
            for child in children:
                child.parent = successor
                child.save(update_fields=["parent"])
            for source in sources:
                source.existed_until = day - timedelta(days=1)
                source.save(update_fields=["existed_until"])
                Succession.objects.create(
                    predecessor=source, successor=successor, kind=kind, date=day
                )
                _audit(source, outcome.summary, actor)
            _audit(successor, outcome.summary, actor)
    return outcome


def dissolve(organisation, successor, day, *, actor=None, apply=False):
    """End an organisation; its successor takes over its members, children and archive."""
    return merge(
        [organisation], successor, day, actor=actor, apply=apply, kind=Succession.Kind.DISSOLVED
    )


def rename(organisation, name, day, *, short_name="", actor=None, apply=False):
    """Give a new name from ``day``; the old one stays for what was published before."""
    name = name.strip()
    if not name or name == organisation.name:
        raise ValidationError(_("Give a new name."))
    _check_alive([organisation], day)
    clash = Organisation.objects.filter(parent=organisation.parent, name=name)
    if clash.exclude(pk=organisation.pk).exists():
        raise ValidationError(_("Another organisation under the same parent has this name."))
    outcome = Outcome(
        _("%(old)s renamed %(new)s from %(day)s.")
        % {"old": organisation.name, "new": name, "day": f"{day:%d/%m/%Y}"}
    )
    if apply:
        with transaction.atomic():
            organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
            latest = organisation.former_names.order_by("-valid_until").first()
            if latest is not None and latest.valid_until >= day:
                raise ValidationError(_("The organisation already had another name on that day."))
            OrganisationName.objects.create(
                organisation=organisation,
                name=organisation.name,
                short_name=organisation.short_name,
                valid_from=latest.valid_until + timedelta(days=1) if latest else None,
                valid_until=day - timedelta(days=1),
            )
            organisation.name = name
            organisation.short_name = short_name.strip()
            organisation.save(update_fields=["name", "short_name"])
            _audit(organisation, outcome.summary, actor)
    return outcome


def move(organisations, parent, day, *, actor=None, apply=False):
    """Move organisations (usually cells) under another committee from ``day`` on.

    Their members keep reading what was addressed to the committee they left, for issues
    published before the move.
    """
    organisations = [o for o in organisations if o.parent_id != parent.pk]
    if not organisations:
        message = _("The chosen organisations are already under %(parent)s.")
        raise ValidationError(message % {"parent": parent.name})
    _check_alive(organisations, day, receiving=[parent])
    moving = {o.pk for o in organisations}
    if Organisation.objects.with_ancestors([parent.pk]) & moving:
        raise ValidationError(_("An organisation cannot move under itself."))
    outcome = Outcome(
        _("%(organisations)s moved under %(parent)s from %(day)s.")
        % {
            "organisations": _names(organisations),
            "parent": parent.name,
            "day": f"{day:%d/%m/%Y}",
        }
    )
    if apply:
        with transaction.atomic():
            for organisation in Organisation.objects.select_for_update().filter(pk__in=moving):
                if organisation.parent_id is not None:
                    Transfer.objects.create(
                        organisation=organisation,
                        from_parent_id=organisation.parent_id,
                        to_parent=parent,
                        date=day,
                    )
                organisation.parent = parent
                organisation.save(update_fields=["parent"])
                _audit(organisation, outcome.summary, actor)
    return outcome
