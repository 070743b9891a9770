"""The registry of party and state documents that bulletins study and cite."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Organisation


class DocumentType(models.Model):
    """Nghị quyết, Chỉ thị, Kết luận ...; loaded by a data migration, editable by admins.

    The abbreviation is not unique: QĐ stands for both Quy định and Quyết định.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DocumentQuerySet(models.QuerySet):
    def with_details(self):
        return self.select_related("document_type", "issuer")


class Document(models.Model):
    """One document, identified by its code and its issue date.

    The same code is reused across years (26-CT/TW of 2018 and of 2023), so the code alone
    does not identify a document.
    """

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        REPLACED = "replaced", _("Replaced")
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
    issued_on = models.DateField(_("issue date"))
    subject = models.TextField(
        _("subject"), help_text=_("The trích yếu: what the document is about.")
    )
    summary = models.TextField(_("summary"), blank=True)
    full_text = models.TextField(_("full text"), blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    related = models.ManyToManyField(
        "self", through="DocumentRelation", symmetrical=False, blank=True, related_name="+"
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
        return f"{self.document_type} số {self.code}, ngày {self.issued_on:%d/%m/%Y}"


class DocumentRelation(models.Model):
    """A typed link: a city plan implements a provincial directive, a new rule replaces an old."""

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", _("implements")
        REPLACES = "replaces", _("replaces")
        GUIDES = "guides", _("guides")

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
