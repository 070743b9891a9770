"""Organisations, the people who hold positions in them, and the events they take part in."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from operations.versioning import Versioned

from .search import FoldedFields


def _chain(pk, parents):
    """The organisation and all above it, given a {pk: parent_id} map."""
    chain = set()
    while pk is not None and pk not in chain:
        chain.add(pk)
        pk = parents.get(pk)
    return chain


def _moves(changes):
    """{organisation: [(day, parent it was moved from)]}, from ``_changes``' transfers."""
    moves = {}
    for earlier, later, day, transfer in changes:
        if transfer:
            moves.setdefault(later, []).append((day, earlier))
    return moves


def _chain_on(pk, day, parents, moves):
    """``_chain`` as the tree stood on ``day``: an organisation moved later (a Transfer)
    stood under the parent it was moved from."""
    chain = set()
    while pk is not None and pk not in chain:
        chain.add(pk)
        later = [(when, parent) for when, parent in moves.get(pk, ()) if when > day]
        pk = min(later)[1] if later else parents.get(pk)
    return chain


class OrganisationQuerySet(models.QuerySet):
    """Tree walks done in Python over one query: the tree of a city has a few hundred nodes."""

    def _parents(self):
        return dict(Organisation.objects.values_list("pk", "parent_id"))

    def with_ancestors(self, ids):
        parents = self._parents()
        return set().union(*(_chain(pk, parents) for pk in ids))

    def current(self, on=None):
        """Organisations that exist on a day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(existed_from=None) | Q(existed_from__lte=on),
            Q(existed_until=None) | Q(existed_until__gte=on),
        )

    def former_scope(self, ids):
        """What the given organisations grew out of: {organisation id: last day it counts}.

        A body merged or dissolved into one of ``ids`` counts up to the day before the
        succession, and so does the committee a cell was moved away from: its members keep
        reading what was addressed to those bodies before the change. Chains are followed
        (a ward merged into a ward that later merged again), each step ending no later than
        the one after it, and taken only if it came before it: a cell that left a commune
        does not inherit what the commune took over after she left.
        """
        changes = self._changes()
        if not changes:
            return {}
        parents, moves = self._parents(), _moves(changes)
        former, todo = {}, [(pk, None) for pk in ids]
        while todo:
            pk, until = todo.pop()
            steps = [(earlier, day) for earlier, later, day, _transfer in changes if later == pk]
            for earlier, day in steps:
                last = day - timedelta(days=1)
                if until is not None and last > until:
                    continue  # the step came after the reader's body had left ``pk``
                last = last if until is None else min(last, until)
                for ancestor in _chain_on(earlier, last, parents, moves):
                    if former.get(ancestor, date.min) < last:
                        former[ancestor] = last
                        todo.append((ancestor, last))
        return former

    def _changes(self):
        """(earlier body, later body, day, whether a transfer): a predecessor and its
        successor, or the committee a cell left and the cell; one query for both."""
        return list(
            Succession.objects.order_by()
            .values_list("predecessor_id", "successor_id", "date", Value(False))
            .union(
                Transfer.objects.order_by().values_list(
                    "from_parent_id", "organisation_id", "date", Value(True)
                ),
                all=True,
            )
        )

    def heirs(self, ids, day):
        """``former_scope`` seen from the other side: the given bodies and every body whose
        members keep what was addressed to them on ``day``: successors and the cells moved
        away, by changes after that day, following chains (a body counts as its committees'
        predecessor too, as in former_scope)."""
        reached = dict.fromkeys(ids, day)  # body: the day the issue became its members'
        changes = self._changes()
        later_changes = [change for change in changes if change[2] > day]
        if not later_changes:
            return set(reached)
        parents, moves, grown = self._parents(), _moves(changes), True
        while grown:
            grown = False
            for earlier, later, when, _transfer in later_changes:
                # A change passes the issue on only if the body it starts from had it then.
                before = when - timedelta(days=1)
                if later not in reached and any(
                    pk in reached and reached[pk] <= when
                    for pk in _chain_on(earlier, before, parents, moves)
                ):
                    reached[later] = when
                    grown = True
        return set(reached)

    def under(self, ids):
        """Ids of the given organisations and every organisation below them."""
        parents, wanted = self._parents(), set(ids)
        return [pk for pk in parents if _chain(pk, parents) & wanted]

    def predecessors_of(self, ids):
        """Ids of the bodies merged or dissolved into the given ones, following chains."""
        found, todo = set(), set(ids)
        while todo:
            earlier = set(
                Succession.objects.filter(successor__in=todo).values_list("predecessor", flat=True)
            )
            todo = earlier - found
            found |= earlier
        return found

    def successors_of(self, ids):
        """Ids of the bodies the given ones were merged or dissolved into, following chains."""
        found, todo = set(), set(ids)
        while todo:
            later = set(
                Succession.objects.filter(predecessor__in=todo).values_list("successor", flat=True)
            )
            todo = later - found
            found |= later
        return found

    def get_by_natural_key(self, name, *ancestors):
        """By its name and the names above it, up to the root (see Organisation.natural_key)."""
        parent = self.get_by_natural_key(*ancestors) if ancestors else None
        return self.get(name=name, parent=parent)

    def cells_under(self, ids=None):
        """Party cells at or below the given organisations (all cells when ids is None)."""
        cells = self.filter(kind=Organisation.Kind.CELL)
        if ids is None:
            return cells
        return cells.filter(pk__in=self.under(ids))


class CellTypeManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class CellType(Versioned):
    """A type of party cell (loại hình chi bộ): sections can be written for some types only.

    A managed list, seeded with the usual types by a migration; boards may add their own.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short code"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CellTypeManager()

    class Meta:
        verbose_name = _("cell type")
        verbose_name_plural = _("cell types")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Organisation(Versioned):
    """A body in the party or state tree: central bodies down to party cells."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Central body")
        PROVINCE = "province", _("Provincial party committee")
        CITY = "city", _("City or district party committee")
        BOARD = "board", _("Board or office of a committee")
        WARD = "ward", _("Ward party committee")
        COMMUNE = "commune", _("Commune party committee")
        PARTY_COMMITTEE = "party_committee", _("Other party committee")
        CELL = "cell", _("Party cell")
        STATE = "state", _("State body")
        MASS = "mass", _("Fatherland Front or mass organisation")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("As written in the news, e.g. BTV Tỉnh ủy."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    citation_code = models.CharField(
        _("citation code"),
        max_length=20,
        blank=True,
        help_text=_("Issuer code used after the slash in document codes, e.g. TW, TU, HU."),
    )
    cell_type = models.ForeignKey(
        CellType,
        verbose_name=_("cell type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("For a party cell: which sections written for some types of cell it reads."),
    )

    existed_from = models.DateField(_("existed from"), null=True, blank=True)
    existed_until = models.DateField(
        _("existed until"),
        null=True,
        blank=True,
        help_text=_("Its last day, once it has ended, merged or been dissolved."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="unique_organisation_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent=None), name="unique_root_organisation_name"
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        """Its name, then the names above it: a name is unique under its parent only."""
        return (self.name, *(self.parent.natural_key() if self.parent_id else ()))

    def parent_on(self, day):
        """The organisation this one stood under on ``day``: the parent it was moved from by
        the first move after that day, else its parent now."""
        moved = self.transfers.filter(date__gt=day).order_by("date").first()
        return moved.from_parent if moved else self.parent

    def name_on(self, day):
        """The name the organisation bore on a day; uses prefetched ``former_names``."""
        for former in self.former_names.all():
            if (
                former.valid_from is None or former.valid_from <= day
            ) and day <= former.valid_until:
                return former.name
        return self.name

    def has_ended(self, on=None):
        """Whether the organisation no longer exists on a day (today by default)."""
        return self.existed_until is not None and self.existed_until < (on or timezone.localdate())

    def clean(self):
        if self.existed_from and self.existed_until and self.existed_until < self.existed_from:
            raise ValidationError(
                {"existed_until": _("An organisation cannot end before it starts.")}
            )
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An organisation cannot be its own ancestor.")})
            ancestor = ancestor.parent


class OrganisationNameManager(models.Manager):
    def get_by_natural_key(self, valid_until, *organisation):
        return self.get(
            valid_until=valid_until,
            organisation=Organisation.objects.get_by_natural_key(*organisation),
        )


class OrganisationName(models.Model):
    """A name an organisation bore before its present one, kept for the archive."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="former_names",
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_until = models.DateField(_("until"), help_text=_("The last day of this name."))

    objects = OrganisationNameManager()

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["organisation", "-valid_until"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.valid_until, *self.organisation.natural_key())


class SuccessionManager(models.Manager):
    def get_by_natural_key(self, predecessor, successor):
        organisations = Organisation.objects
        return self.get(
            predecessor=organisations.get_by_natural_key(*predecessor),
            successor=organisations.get_by_natural_key(*successor),
        )


class Succession(models.Model):
    """One organisation took over from another on a day: a merger, a split or a dissolution."""

    class Kind(models.TextChoices):
        MERGED = "merged", _("Merged into")
        SPLIT = "split", _("Split into")
        DISSOLVED = "dissolved", _("Dissolved, succeeded by")

    predecessor = models.ForeignKey(
        Organisation,
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        related_name="successions",
    )
    successor = models.ForeignKey(
        Organisation,
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        related_name="successions_from",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"), help_text=_("The first day of the successor's charge."))

    objects = SuccessionManager()

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="succession_between_two_organisations",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"

    def natural_key(self):
        return (self.predecessor.natural_key(), self.successor.natural_key())


class TransferManager(models.Manager):
    def get_by_natural_key(self, date, *organisation):
        return self.get(
            date=date, organisation=Organisation.objects.get_by_natural_key(*organisation)
        )


class Transfer(models.Model):
    """An organisation moved from one parent to another on a day, e.g. a cell to a new ward."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="transfers",
    )
    from_parent = models.ForeignKey(
        Organisation,
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_parent = models.ForeignKey(
        Organisation,
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("date"))

    objects = TransferManager()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.organisation}: {self.from_parent} → {self.to_parent}"

    def natural_key(self):
        return (self.date, *self.organisation.natural_key())


class PersonManager(models.Manager):
    def get_by_natural_key(self, full_name):
        return self.get(full_name=full_name)


class Person(Versioned):
    """Someone named in the news. Names are not unique in general: natural keys (fixtures) name
    one person per name, which holds for a curated set such as the demo."""

    full_name = models.CharField(_("full name"), max_length=150)
    note = models.TextField(_("note"), blank=True)
    # The name folded (people.search), stored and trigram-indexed, as Document.search_text:
    # a name search rechecks thousands of people ("Vân") without folding each.
    search_name = models.GeneratedField(
        expression=FoldedFields("full_name"), output_field=models.TextField(), db_persist=True
    )

    objects = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def natural_key(self):
        return (self.full_name,)

    def current_positions(self, on=None):
        """Positions held on a day (today by default), from prefetched positions if any."""
        on = on or timezone.localdate()
        return [position for position in self.positions.all() if position.is_current(on)]


class PositionManager(models.Manager):
    def get_by_natural_key(self, title, start_date, full_name, *organisation):
        return self.get(
            title=title,
            start_date=start_date,
            person=Person.objects.get_by_natural_key(full_name),
            organisation=Organisation.objects.get_by_natural_key(*organisation),
        )


class Position(Versioned):
    """A dated title of a person in an organisation; a person holds several at once."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    title = models.CharField(_("title"), max_length=150, help_text=_("e.g. Bí thư, Ủy viên BTV"))
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)

    objects = PositionManager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date=None)
                | Q(start_date=None)
                | Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_it_starts",
                violation_error_message=_("A position cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.title} {self.organisation}"

    def natural_key(self):
        return (
            self.title,
            self.start_date,
            self.person.full_name,
            *self.organisation.natural_key(),
        )

    def is_current(self, on):
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or self.end_date >= on)


class EventManager(models.Manager):
    def get_by_natural_key(self, title, start):
        return self.get(title=title, start=start)


class Event(Versioned):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference or meeting")
        VISIT = "visit", _("Visit or inspection")
        CEREMONY = "ceremony", _("Ceremony")
        DIALOGUE = "dialogue", _("Dialogue")
        TALK = "talk", _("Talk or lecture")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="events"
    )
    participants = models.ManyToManyField(
        Person, through="Participation", verbose_name=_("participants"), related_name="events"
    )

    objects = EventManager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end=None) | Q(end__gte=models.F("start")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.title, self.start)


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, title, start, full_name, role):
        return self.get(
            event=Event.objects.get_by_natural_key(title, start),
            person=Person.objects.get_by_natural_key(full_name),
            role=role,
        )


class Participation(models.Model):
    class Role(models.TextChoices):
        CHAIRED = "chaired", _("Chaired")
        ATTENDED = "attended", _("Attended")
        SPOKE = "spoke", _("Spoke")
        LED = "led", _("Led the delegation")
        RECEIVED = "received", _("Received")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ATTENDED)

    objects = ParticipationManager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "role"], name="unique_participation_role"
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"

    def natural_key(self):
        return (*self.event.natural_key(), self.person.full_name, self.role)
