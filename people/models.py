"""Organisations, the people who hold positions in them, and the events they take part in."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _chain(pk, parents):
    """The organisation and all above it, given a {pk: parent_id} map."""
    chain = set()
    while pk is not None and pk not in chain:
        chain.add(pk)
        pk = parents.get(pk)
    return chain


class OrganisationQuerySet(models.QuerySet):
    """Tree walks done in Python over one query: the tree of a city has a few hundred nodes."""

    def _parents(self):
        return dict(Organisation.objects.values_list("pk", "parent_id"))

    def with_ancestors(self, ids):
        parents = self._parents()
        return set().union(*(_chain(pk, parents) for pk in ids))

    def cells_under(self, ids=None):
        """Party cells at or below the given organisations (all cells when ids is None)."""
        cells = self.filter(kind=Organisation.Kind.CELL)
        if ids is None:
            return cells
        parents, wanted = self._parents(), set(ids)
        return cells.filter(pk__in=[pk for pk in parents if _chain(pk, parents) & wanted])


class Organisation(models.Model):
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

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An organisation cannot be its own ancestor.")})
            ancestor = ancestor.parent


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=150)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def current_positions(self, on=None):
        """Positions held on a day (today by default), from prefetched positions if any."""
        on = on or timezone.localdate()
        return [position for position in self.positions.all() if position.is_current(on)]


class Position(models.Model):
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

    def is_current(self, on):
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or self.end_date >= on)


class Event(models.Model):
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
