"""The registry of party and state documents that bulletins study and cite."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from operations.versioning import Versioned
from people.models import Organisation
from people.search import FoldedFields

from .citations import normalise_code
from .files import validate_registry_file


class DocumentTypeManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class DocumentType(models.Model):
    """Nghị quyết, Chỉ thị, Kết luận ...; loaded by a data migration, editable by admins.

    The abbreviation is not unique: QĐ stands for both Quy định and Quyết định.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20)

    objects = DocumentTypeManager()

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class DocumentQuerySet(models.QuerySet):
    def get_by_natural_key(self, code, issued_on):
        """A document is identified by its code and its date (see Document)."""
        return self.get(code=normalise_code(code), issued_on=issued_on)

    def with_details(self):
        return self.select_related("document_type", "issuer")

    def readable_through(self, sections):
        """Verified entries, and an unverified one (made from a citation) only once one of
        ``sections`` cites, lists or presents it, so a draft's citations stay as private as
        the draft, and those of a section for other types of cell as private as the section.

        The registry does not know who reads which section (bulletins is above it): the
        caller passes the sections the reader reads (``bulletins.models.documents_visible_to``).
        The unverified entries they cite are asked for at once, one query: they are few, and
        the sections' rule (subqueries for types of cell) cost 15-30 ms of Python to build
        into every query of a registry page that goes on to use the result.
        """
        readable = sections.values("pk")
        listed = self.model.citing_sections.through
        # A union of three index lookups: OR-ing the three joins scans every section.
        cited = (
            Citation.objects.filter(document__verified=False, section__in=readable)
            .order_by()
            .values_list("document_id", flat=True)
            .union(
                listed.objects.filter(document__verified=False, section__in=readable).values_list(
                    "document_id", flat=True
                ),
                sections.filter(presented_document__verified=False)
                .order_by()
                .values_list("presented_document_id", flat=True),
            )
        )
        return self.filter(Q(verified=True) | Q(pk__in=list(cited.order_by())))


class Document(Versioned):
    """One document, identified by its code and its issue date.

    The same code is reused across years (26-CT/TW of 2018 and of 2023), so the code alone
    does not identify a document.
    """

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        REPLACED = "replaced", _("Replaced")
        REPEALED = "repealed", _("Repealed")
        EXPIRED = "expired", _("Expired")

    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="documents"
    )
    number = models.PositiveIntegerField(_("number"))
    code = models.CharField(
        _("code"),
        max_length=60,
        db_index=True,
        help_text=_("As printed, e.g. 26-CT/TW or 130/2020/NĐ-CP."),
    )
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("issuing organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    issued_on = models.DateField(
        _("issue date"),
        null=True,
        blank=True,
        help_text=_("Empty only for an unverified entry whose citation gave no date."),
    )
    subject = models.TextField(
        _("subject"), blank=True, help_text=_("The trích yếu: what the document is about.")
    )
    summary = models.TextField(_("summary"), blank=True)
    full_text = models.TextField(_("full text"), blank=True)
    file = models.FileField(
        _("file"), upload_to="documents/%Y/", blank=True, validators=[validate_registry_file]
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.IN_FORCE,
        help_text=_(
            "Set to replaced or repealed when a relation saying so is confirmed; "
            "expired by hand when the document's term ends."
        ),
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_(
            "Entries created from a citation for a code the registry did not know are "
            "unverified until an editor confirms or merges them."
        ),
    )
    related = models.ManyToManyField(
        "self", through="DocumentRelation", symmetrical=False, blank=True, related_name="+"
    )
    # The code and subject folded (people.search), stored and trigram-indexed: a search
    # rechecking the rows the index gives folded each of them once for every word typed
    # (40 ms for a topic of six words at 20,000 documents).
    search_text = models.GeneratedField(
        expression=FoldedFields("code", "subject"),
        output_field=models.TextField(),
        db_persist=True,
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "issued_on"], name="unique_document_code_date")
        ]

    def __str__(self):
        if self.issued_on is None:
            return f"{self.document_type} số {self.code}"
        return f"{self.document_type} số {self.code}, ngày {self.issued_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.code = normalise_code(self.code)
        super().save(*args, **kwargs)
        self.link_citations()

    def get_absolute_url(self):
        return reverse("documents:document", kwargs={"pk": self.pk})

    def natural_key(self):
        return (self.code, self.issued_on)

    def link_citations(self):
        from .linking import relink  # linking imports this module

        return relink(self.full_text, before=self.issued_on, citing_document=self)


class DocumentRelationQuerySet(models.QuerySet):
    def get_by_natural_key(self, source, kind, target):
        return self.get(
            source=Document.objects.get_by_natural_key(*source),
            kind=kind,
            target=Document.objects.get_by_natural_key(*target),
        )

    def confirmed(self):
        return self.filter(state=DocumentRelation.State.CONFIRMED)


class DocumentRelation(Versioned):
    """A typed link: a city plan implements a provincial directive, a new rule replaces an old.

    Relations are entered by editors (confirmed at once) or proposed from what a text says
    ("Thực hiện Chỉ thị số ...", "... thay thế Quy định số ..."), then confirmed or rejected
    by an editor. A rejected proposal is kept so that saving the text again does not bring
    it back.
    """

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", _("implements")
        GUIDES = "guides", _("guides")
        REPLACES = "replaces", _("replaces")
        AMENDS = "amends", _("amends")
        REPEALS = "repeals", _("repeals")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    # What a confirmed relation does to the status of the document it points at.
    TARGET_STATUS = {
        Kind.REPLACES: Document.Status.REPLACED,
        Kind.REPEALS: Document.Status.REPEALED,
    }

    source = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="relations_from",
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        verbose_name=_("related document"),
        on_delete=models.CASCADE,
        related_name="relations_to",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.CONFIRMED
    )
    evidence = models.CharField(
        _("found in the text"),
        max_length=500,
        blank=True,
        help_text=_("The words that made the relation a proposal."),
    )
    section = models.ForeignKey(
        "bulletins.Section",
        verbose_name=_("found in section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_relations",
    )

    objects = DocumentRelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("document relation")
        verbose_name_plural = _("document relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="unique_document_relation"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="document_relation_not_to_itself",
                violation_error_message=_("A document cannot relate to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.source.code} {self.get_kind_display()} {self.target.code}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        status = self.TARGET_STATUS.get(self.kind)
        if status and self.state == self.State.CONFIRMED:
            # A save of the target's own: an editor's form opened before sees a conflict.
            targets = Document.objects.filter(pk=self.target_id)
            targets.update(status=status, version=models.F("version") + 1)

    def natural_key(self):
        return (self.source.natural_key(), self.kind, self.target.natural_key())


class Citation(models.Model):
    """A place where a registry document is cited, recognised in text when that text is saved.

    The citing text is a section of an issue or a registry document's own full text. The
    offsets point into that text as stored, so the reading view can turn the citation into
    a link without parsing anything again.
    """

    document = models.ForeignKey(
        Document,
        verbose_name=_("cited document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citations",
        help_text=_("Empty when the code could not be linked (unknown document type)."),
    )
    section = models.ForeignKey(
        "bulletins.Section",
        verbose_name=_("citing section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    citing_document = models.ForeignKey(
        Document,
        verbose_name=_("citing document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outgoing_citations",
    )
    code = models.CharField(_("code"), max_length=60)
    cited_date = models.DateField(_("date in the citation"), null=True, blank=True)
    text = models.CharField(_("cited as"), max_length=500)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    ambiguous = models.BooleanField(
        _("ambiguous"),
        default=False,
        help_text=_(
            "The citation gave no date and the registry holds several documents with this "
            "code: the one dated closest before the citing text was chosen."
        ),
    )

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["start"]
        indexes = [
            # "Cited in": a document's citing sections from the index alone.
            models.Index(fields=["document", "section"], name="citation_document_section"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(section__isnull=False, citing_document__isnull=True)
                | Q(section__isnull=True, citing_document__isnull=False),
                name="citation_has_one_source",
            )
        ]

    def __str__(self):
        return self.text
