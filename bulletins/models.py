"""Monthly issues and their numbered sections."""

import calendar
import datetime
import functools
import operator
import re
import uuid
from pathlib import PurePosixPath

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.lookups import StartsWith
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.linking import relink
from documents.models import Citation, Document
from operations.versioning import Versioned
from people.models import CellType, Event, Organisation

from .attachments import validate_attachment
from .html import SanitizedHTMLField
from .numbering import move as move_in_outline
from .numbering import number_outline

DEFAULT_MARKING = "Sử dụng và bảo quản trong nội bộ của Đảng"


@functools.cache
def _media_src(media_url):
    """The pattern of an uploaded file's address in a body, built when first needed (settings
    are read at call time, so an overridden MEDIA_URL is honoured)."""
    return re.compile(r'src="' + re.escape(media_url) + r'([^"?#]+)"')


def image_paths(body):
    """The uploaded files (paths under MEDIA_ROOT) a section body shows."""
    return set(_media_src(settings.MEDIA_URL).findall(body))


FIRST_PUBLICATION_YEAR = 1930  # the Party's founding: nothing of this kind is older


def validate_publication_year(year):
    """From 1930 to next year: next December's issue is prepared in this one."""
    last = timezone.localdate().year + 1
    if not FIRST_PUBLICATION_YEAR <= year <= last:
        raise ValidationError(
            _("Enter a publication year from %(first)s to %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_PUBLICATION_YEAR, "last": last},
        )


class IssueQuerySet(models.QuerySet):
    def published(self):
        """Published, or scheduled and due: a scheduled issue shows at its time even if the
        publish_due_issues command has not run yet."""
        return self.filter(
            status__in=[Issue.Status.PUBLISHED, Issue.Status.SCHEDULED],
            published_at__lte=timezone.now(),
        )

    def next_publication(self):
        """When ``published`` next grows without a save (a scheduled issue falling due): the
        earliest publication time still ahead, or None; what caches its result expires then."""
        ahead = self.filter(
            status__in=[Issue.Status.PUBLISHED, Issue.Status.SCHEDULED],
            published_at__gt=timezone.now(),
        )
        return ahead.aggregate(first=models.Min("published_at"))["first"]

    def visible_to(self, user):
        """The one rule for what a user may read; every read path goes through it.

        Anonymous visitors read public issues; every account reads internal ones; an issue
        for chosen organisations reaches the members of those organisations and of the
        organisations below them (a ward's party committee includes its cells), and, for what
        was published before a merger or a move, the members of their successors.
        """
        published = self.published()
        if not user.is_authenticated:
            return published.filter(audience=Issue.Audience.PUBLIC)
        if user.is_superuser:
            return published
        addressed = Issue.audience_organisations.through.objects
        for_scope = addressed.filter(organisation_id__in=user.reading_scope()).values("issue_id")
        readable = models.Q(
            audience__in=[Issue.Audience.PUBLIC, Issue.Audience.INTERNAL]
        ) | models.Q(audience=Issue.Audience.ORGANISATIONS, pk__in=for_scope)
        # Bodies the user's organisations succeeded or left: what they received before.
        earlier = [
            models.Q(organisation_id=pk, issue__published_at__date__lte=last_day)
            for pk, last_day in user.former_scope().items()
        ]
        if earlier:
            inherited = addressed.filter(functools.reduce(operator.or_, earlier))
            readable |= models.Q(
                audience=Issue.Audience.ORGANISATIONS, pk__in=inherited.values("issue_id")
            )
        return published.filter(readable)

    def readers(self, issue):
        """Every account that ``visible_to`` lets read the issue, as one query of accounts:
        the same rule seen from the issue's side, for telling thousands of readers at once.

        Audiences and succession follow ``visible_to``: an issue for chosen organisations
        reaches the members of those and of every body below them, and of the bodies that
        succeeded them after its publication (``Organisation.objects.heirs``, the inverse of
        ``former_scope``). tests/test_notices.py checks both sides agree for every account.
        """
        from django.contrib.auth import get_user_model

        accounts = get_user_model().objects.all()
        if not self.published().filter(pk=issue.pk).exists():
            return accounts.none()
        if issue.audience != Issue.Audience.ORGANISATIONS:
            return accounts
        addressed = issue.audience_organisations.values_list("pk", flat=True)
        day = timezone.localdate(issue.published_at)
        reached = Organisation.objects.under(Organisation.objects.heirs(addressed, day))
        # A body that had ended when the issue came out reads nothing published after its end.
        reading = Organisation.objects.filter(pk__in=reached).exclude(existed_until__lt=day)
        members = accounts.model.organisations.through.objects.filter(
            organisation_id__in=reading.values("pk")
        )
        return accounts.filter(
            models.Q(is_superuser=True) | models.Q(pk__in=members.values("user_id"))
        )

    def with_publisher(self):
        """With what ``Issue.publisher_name`` needs, in one query more."""
        return self.select_related("publisher").prefetch_related("publisher__former_names")


def documents_visible_to(user):
    """The registry as a user may read it: staff see every entry; readers see verified
    documents and those cited in a section they read (``Section.objects.visible_to``: of an
    issue they may read, written for their type of cell)."""
    if user.is_staff and user.has_perm("documents.view_document"):
        return Document.objects.all()
    return Document.objects.readable_through(Section.objects.visible_to(user))


# Revisions (django-reversion) keep every saved state of an issue with its attachments and the
# sections changed in the same save (each saved section joins the revision by itself): a
# revision of a thousand-section issue does not copy every section. The review log is history
# already and is never rolled back.
@reversion.register(follow=("attachments",), exclude=("version",))
class Issue(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        # Stored as "archived" (the value predates the name): renaming the stored value
        # would rewrite every withdrawn issue and break saved filters and links.
        WITHDRAWN = "archived", _("Withdrawn")

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular (monthly)")
        THEMATIC = "thematic", _("Thematic (quarterly)")

    class Audience(models.TextChoices):
        INTERNAL = "internal", _("All internal readers")
        ORGANISATIONS = "organisations", _("Only the chosen organisations")
        PUBLIC = "public", _("Public, readable without logging in")

    publisher = models.ForeignKey(
        Organisation, verbose_name=_("publisher"), on_delete=models.PROTECT, related_name="issues"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    topic = models.CharField(
        _("topic"),
        max_length=255,
        blank=True,
        help_text=_("For a thematic issue: its topic, which is also its title."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_publication_year])
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    title_override = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the standard title for the month."),
    )
    marking = models.CharField(_("marking"), max_length=255, default=DEFAULT_MARKING)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.INTERNAL
    )
    audience_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("audience organisations"),
        blank=True,
        related_name="+",
        help_text=_("With “only the chosen organisations”: choosing a ward includes its cells."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    source_hash = models.CharField(
        _("source file fingerprint"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("SHA-256 of the file this issue was imported from, to refuse a re-import."),
    )
    import_warnings = models.JSONField(
        _("import warnings"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("What the import found irregular or could not place, for the editor to check."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = IssueQuerySet.as_manager()

    class Meta(Versioned.Meta):
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-year", "-month"]
        permissions = [("publish_issue", _("Can publish and unpublish issues"))]
        indexes = [
            # Issues by month, as every list and the previous/next links walk them: the first
            # readable one is found by walking the index, not by sorting every issue.
            models.Index(fields=["year", "month", "id"], name="issue_period_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "kind", "year", "month"],
                name="unique_issue_per_publisher_kind_month",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bulletins:issue", kwargs={"pk": self.pk})

    @property
    def title(self):
        if self.title_override:
            return self.title_override
        if self.kind == self.Kind.THEMATIC:
            heading = f"Tài liệu sinh hoạt chi bộ chuyên đề quý {self.quarter} năm {self.year}"
            return f"{heading}: {self.topic}" if self.topic else heading
        return f"Tài liệu phục vụ sinh hoạt chi bộ tháng {self.month} năm {self.year}"

    @property
    def quarter(self):
        return (self.month - 1) // 3 + 1

    def clean(self):
        """A thematic issue belongs to a quarter (dated by its third month) and has a topic."""
        super().clean()
        if self.kind != self.Kind.THEMATIC:
            return
        errors = {}
        if self.month and self.month % 3:
            errors["month"] = ValidationError(
                _(
                    "A thematic issue comes out in the third month of a quarter: "
                    "choose month 3, 6, 9 or 12."
                ),
                code="thematic_month",
            )
        if not self.topic.strip():
            errors["topic"] = ValidationError(
                _("A thematic issue needs its topic: it is the issue's title."),
                code="thematic_topic",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def publisher_name(self):
        """The publisher's name as it was when the issue came out (the archive keeps it)."""
        when = self.published_at or timezone.now()
        return self.publisher.name_on(timezone.localdate(when))

    @property
    def publisher_parent_name(self):
        """The name of the committee the publisher stood under when the issue came out, as
        it was then ("" for a publisher at the top)."""
        day = timezone.localdate(self.published_at or timezone.now())
        parent = self.publisher.parent_on(day)
        return parent.name_on(day) if parent else ""

    @property
    def period_end(self):
        """Last day of the issue's month: citations without a date resolve to before it."""
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def is_internal(self):
        return self.audience != self.Audience.PUBLIC

    def audience_cells(self):
        """The party cells expected to read this issue, for the read-confirmation report."""
        if self.audience != self.Audience.ORGANISATIONS:
            return Organisation.objects.cells_under()
        return Organisation.objects.cells_under(
            self.audience_organisations.values_list("pk", flat=True)
        )

    @property
    def was_published(self):
        """Once readers may have seen it, an issue is corrected, never deleted."""
        return self.status in {self.Status.PUBLISHED, self.Status.SCHEDULED, self.Status.WITHDRAWN}

    @transaction.atomic
    def move_section(self, section_pk, direction):
        """Move a section with its subsections up, down, in or out; numbers follow. False,
        and nothing moved, when the section is not (or no longer) in this issue."""
        fields = ("pk", "level", "position", "version")
        sections = list(self.sections.order_by("position", "pk").only(*fields))
        index = next((i for i, section in enumerate(sections) if section.pk == section_pk), None)
        if index is None:
            return False
        order, levels = move_in_outline(
            [section.level for section in sections], index, direction, Section.MAX_LEVEL
        )
        moved = [sections[old] for old in order]
        before = {section.pk: section.level for section in sections}
        for position, (section, level) in enumerate(zip(moved, levels, strict=True), start=1):
            section.position, section.level = position * 10, level
            if section is sections[index] or level != before[section.pk]:
                # A moved section is an edit of it: a colleague's page opened before is stale.
                section.version += 1
        Section.objects.bulk_update(moved, ["position", "level", "version"])
        self.renumber_sections()
        # The text changed without a save: readers' cached copies are keyed on updated_at.
        Issue.objects.filter(pk=self.pk).update(updated_at=timezone.now())
        return True

    @transaction.atomic
    def renumber_sections(self):
        """Derive 1., 2.1., 2.1.3. from the outline order and store them; never typed by hand."""
        sections = list(self.sections.order_by("position", "pk").only("pk", "level", "number"))
        numbers = number_outline([section.level for section in sections])
        changed = []
        for section, number in zip(sections, numbers, strict=True):
            if section.number != number:
                section.number = number
                changed.append(section)
        Section.objects.bulk_update(changed, ["number"])


def open_to(cell_type_ids):
    """A condition on sections: read by cells of these types (bulletins.audience).

    Sections every cell reads, plus those written for any of these types; a subsection goes
    with the section above it: 2.1. is not read where 2. is not, whatever its own types (a
    section's number starts with the numbers of those above it). The numbers stay the
    issue's, gaps included, as printed and discussed in the meeting.
    """
    targets = Section.cell_types.through.objects.filter(section_id=models.OuterRef("pk"))
    above = ~models.Q(number="") & StartsWith(models.OuterRef("number"), models.F("number"))
    closed = Section.objects.filter(
        models.Q(pk=models.OuterRef("pk")) | above,
        models.Exists(targets),
        ~models.Exists(targets.filter(celltype_id__in=cell_type_ids)),
        issue_id=models.OuterRef("issue_id"),
    )
    return ~models.Exists(closed)


class SectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sections of the issues the user reads, for the user's cell types; the portal adds
        what staff see (bulletins.audience.readable_sections)."""
        cell_types = user.cell_types() if user.is_authenticated else ()
        return self.filter(issue__in=Issue.objects.visible_to(user)).for_cell_types(cell_types)

    def for_cell_types(self, cell_type_ids):
        """Sections every cell reads, plus those written for any of these cell types, without
        those under a section they do not read (``open_to``)."""
        return self.filter(open_to(cell_type_ids))

    def citing(self, document):
        """Sections that cite, present or list the document, newest issue first, a queryset
        that can be narrowed further.

        A union of three index lookups: joining the three relations and OR-ing them makes
        the database scan every section. The order (issue, then position) and the fields
        shown are all in the section_outline_order index, so a page is read from indexes
        and sorted from a few thousand index entries, never from the section rows.
        """
        listed = Section.cited_documents.through.objects.filter(document=document)
        ids = (
            Citation.objects.filter(document=document, section__isnull=False)
            .values("section_id")
            .union(
                listed.values("section_id"),
                Section.objects.filter(presented_document=document).values("pk"),
            )
        )
        return (
            self.filter(pk__in=ids)
            .select_related("issue")
            .only("number", "heading", *(f"issue__{name}" for name in ISSUE_TITLE_FIELDS))
            .order_by("-issue__year", "-issue__month", "-issue_id", "position", "pk")
        )


# What an issue's title and link need, for lists that show many sections.
ISSUE_TITLE_FIELDS = ("id", "kind", "topic", "year", "month", "title_override")


@reversion.register(follow=("footnotes",), exclude=("version", "search_vector"))
class Section(Versioned):
    """One numbered part of an issue.

    Sections form an outline: their order and level make the tree, the way headings do in a
    document, so moving a section or changing its level renumbers everything after it.
    """

    MAX_LEVEL = 4

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    level = models.PositiveSmallIntegerField(
        _("level"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)],
        help_text=_("1 for a main section, 2 for a subsection (2.1.), 3 for 2.1.1. and so on."),
    )
    number = models.CharField(_("number"), max_length=20, blank=True, editable=False)
    heading = models.CharField(_("heading"), max_length=500)
    body = SanitizedHTMLField(_("body"), blank=True)
    presented_document = models.ForeignKey(
        Document,
        verbose_name=_("presented document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="presenting_sections",
        help_text=_("The document this section presents, when it presents one."),
    )
    cited_documents = models.ManyToManyField(
        Document, verbose_name=_("cited documents"), blank=True, related_name="citing_sections"
    )
    cell_types = models.ManyToManyField(
        CellType,
        verbose_name=_("for cell types"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for every cell; otherwise only cells of these types read it."),
    )
    # Provenance: the section of a higher publisher's issue this one was taken from. The credit
    # is written when it is taken, so it survives the source's deletion.
    source = models.ForeignKey(
        "self",
        verbose_name=_("taken from"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    source_version = models.PositiveIntegerField(
        _("source version"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The source's version when it was taken or last applied."),
    )
    source_credit = models.CharField(_("credit"), max_length=500, blank=True, editable=False)
    event = models.ForeignKey(
        Event,
        verbose_name=_("reported event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sections",
    )
    # Kept by a database trigger on PostgreSQL (bulletins/migrations/0009_section_search.py),
    # so bulk inserts are indexed too; unused on SQLite. See bulletins/search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = SectionQuerySet.as_manager()

    class Meta(Versioned.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["issue", "position", "pk"]
        indexes = [
            # An issue's outline in order, and the section list newest issue first; with the
            # number and heading, lists of sections ("cited in") are read from the index alone.
            models.Index(
                fields=["-issue", "position", "id"],
                include=["number", "heading"],
                name="section_outline_order",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.heading}".strip()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.link_citations()
        self.record_images()

    def link_citations(self):
        return relink(self.body, before=self.issue.period_end, section=self)

    def record_images(self):
        """Remember which uploaded files the body shows, so they are served to its readers only."""
        paths = image_paths(self.body)
        self.images.exclude(path__in=paths).delete()
        known = set(self.images.values_list("path", flat=True))
        SectionImage.objects.bulk_create(
            SectionImage(section=self, path=path) for path in paths - known
        )

    @property
    def anchor(self):
        """Stable across renumbering, so links shared in a chat keep working."""
        return f"muc-{self.pk}"

    @property
    def heading_tag(self):
        """h2 for a main section: the page title is the h1."""
        return f"h{min(self.level + 1, 6)}"


@reversion.register(exclude=("version",))
class Footnote(Versioned):
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="footnotes"
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    marker = models.CharField(_("marker"), max_length=10, help_text=_("As printed, e.g. 1 or *."))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")
        ordering = ["section", "position", "pk"]

    def __str__(self):
        return f"({self.marker}) {self.text[:60]}"


class SectionImage(models.Model):
    """An uploaded file shown in a section body; media is served by this link."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="images")
    path = models.CharField(max_length=255, db_index=True)

    class Meta:
        verbose_name = _("section image")
        verbose_name_plural = _("section images")
        constraints = [
            models.UniqueConstraint(fields=["section", "path"], name="unique_section_image")
        ]

    def __str__(self):
        return self.path


class EditorUpload(models.Model):
    """Who uploaded an editor image: until a section shows it, only the staff of the uploader's
    publishers may open it."""

    path = models.CharField(max_length=255, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("editor upload")
        verbose_name_plural = _("editor uploads")

    def __str__(self):
        return self.path


class ReadConfirmation(models.Model):
    """A reader's statement that they have read an issue before the cell meeting."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="confirmations"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.CASCADE,
        related_name="read_confirmations",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "reader"], name="unique_read_confirmation")
        ]

    def __str__(self):
        return f"{self.reader} — {self.issue}"


NEWS_HEADING = "Tin hoạt động của Thành phố"
MAIN_PLACEHOLDER = "(Nội dung học tập, quán triệt trong tháng)"
THEMATIC_PLACEHOLDER = "(Nội dung chuyên đề của quý)"


def next_period(latest, kind, today):
    """(year, month) of the next issue of a kind: the month after the latest regular issue,
    the quarter after the latest thematic one (dated by its third month); without one, this
    month or this quarter."""
    step = 3 if kind == Issue.Kind.THEMATIC else 1
    if latest is not None:
        year, month = latest.year, latest.month + step
    elif kind == Issue.Kind.THEMATIC:
        year, month = today.year, today.month + (-today.month) % 3
    else:
        year, month = today.year, today.month
    return (year + 1, month - 12) if month > 12 else (year, month)


@transaction.atomic
def start_next_issue(publisher, user, kind=Issue.Kind.REGULAR, topic=""):
    """A draft after the publisher's latest issue of the kind, with the recurring outline: for
    a regular issue a main section to fill and the closing news section, named as last time;
    for a thematic one (``topic`` is its title) one section to fill. None if it exists."""
    issues = Issue.objects.filter(publisher=publisher, kind=kind)
    latest = issues.order_by("-year", "-month").first()
    year, month = next_period(latest, kind, timezone.localdate())
    if issues.filter(year=year, month=month).exists():
        return None
    previous = (
        latest or Issue.objects.filter(publisher=publisher).order_by("-year", "-month").first()
    )
    issue = Issue.objects.create(
        publisher=publisher,
        kind=kind,
        topic=topic,
        year=year,
        month=month,
        created_by=user,
        audience=previous.audience if previous else Issue.Audience.INTERNAL,
        marking=previous.marking if previous else DEFAULT_MARKING,
    )
    if kind == Issue.Kind.THEMATIC:
        Section.objects.create(issue=issue, position=10, level=1, heading=THEMATIC_PLACEHOLDER)
    else:
        last_main = latest.sections.filter(level=1).last() if latest else None
        recurring = last_main is not None and last_main.heading.startswith("Tin hoạt động")
        news = last_main.heading if recurring else NEWS_HEADING
        Section.objects.create(issue=issue, position=10, level=1, heading=MAIN_PLACEHOLDER)
        Section.objects.create(issue=issue, position=20, level=1, heading=news)
    issue.renumber_sections()
    return issue


class Review(models.Model):
    """One step of an issue's way to readers, with the reviewer's comment for the editor."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="reviews"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transition = models.CharField(_("step"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=Issue.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Issue.Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


def attachment_path(attachment, filename):
    return f"attachments/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


@reversion.register(exclude=("version",))
class Attachment(Versioned):
    """A file carried by an issue: the signed PDF, the source Word file."""

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, validators=[validate_attachment])
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class PublisherSettings(Versioned):
    """A publishing board's calendar and reader options; boards without a row get the defaults.

    See `bulletins/deadlines.py` for the rules these numbers feed.
    """

    publisher = models.OneToOneField(
        Organisation,
        verbose_name=_("publisher"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="publishing",
    )
    meeting_day = models.PositiveSmallIntegerField(
        _("meeting day"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Cells meet on this day of the month; the regular issue is due before it."),
    )
    thematic_days = models.PositiveSmallIntegerField(
        _("thematic issue window (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("The thematic issue comes out in the last days of the quarter's third month."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before the meeting)"),
        default=2,
        validators=[MaxValueValidator(28)],
        help_text=_("Cells that have not confirmed reading are reminded this many days before."),
    )
    readers_download_word = models.BooleanField(
        _("readers may download Word"),
        default=False,
        help_text=_("Staff can always download an issue as Word; readers only when this is on."),
    )

    class Meta:
        verbose_name = _("publisher settings")
        verbose_name_plural = _("publisher settings")

    def __str__(self):
        return str(self.publisher)


class ImportJob(models.Model):
    """One import from the admin page, run by the task worker in two steps: reading the file
    for the preview, then (once the editor confirms) writing the draft. The page shows its
    state; the upload waits under MEDIA_ROOT/imports/ named by this job's id until it ends."""

    class Status(models.TextChoices):
        READING = "reading", _("Reading the file")
        READY = "ready", _("Waiting for confirmation")
        IMPORTING = "importing", _("Creating the draft issue")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    RUNNING = (Status.READING, Status.IMPORTING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    publisher = models.ForeignKey(
        Organisation, verbose_name=_("publisher"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    filename = models.CharField(_("file"), max_length=255)
    source_hash = models.CharField(max_length=64)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    replace = models.BooleanField(default=False)
    language = models.CharField(max_length=10, default="vi")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.READING
    )
    preview = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename

    @property
    def running(self):
        return self.status in self.RUNNING
