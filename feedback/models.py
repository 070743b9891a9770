"""What a party cell reports after its meeting about an issue, and the board's answer."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bulletins.models import Issue, Section
from operations.versioning import Versioned
from people.models import Organisation

RATINGS = [(value, str(value)) for value in range(1, 6)]
TEXT_LIMIT = 4000  # a few pages of members' questions; more is a document, not feedback


def rating_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        choices=RATINGS,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class Feedback(Versioned):
    """One cell's report on one issue: attendance, usefulness, members' questions and opinions.

    Plain text only, stored as typed and escaped when shown. Versioned: a save based on an
    older version (a fellow secretary's, or the board's answer) is refused, not overwritten.
    """

    issue = models.ForeignKey(
        Issue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="feedback"
    )
    cell = models.ForeignKey(
        Organisation,
        verbose_name=_("party cell"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.CELL},
    )
    present = models.PositiveIntegerField(_("members present"))
    total = models.PositiveIntegerField(_("members in the cell"))
    rating = rating_field(_("usefulness of the issue"))
    questions = models.TextField(
        _("questions and opinions of members"), max_length=TEXT_LIMIT, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    answer = models.TextField(_("answer of the board"), max_length=TEXT_LIMIT, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    publish_as_qa = models.BooleanField(
        _("publish as “Hỏi – đáp”"),
        default=False,
        help_text=_(
            "An editor may then add the question and answer, without the cell's name, "
            "to a later issue."
        ),
    )
    qa_issue = models.ForeignKey(
        Issue,
        verbose_name=_("published in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Versioned.Meta):
        verbose_name = _("feedback from a cell")
        verbose_name_plural = _("feedback from cells")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "cell"], name="one_feedback_per_cell_issue"),
            models.CheckConstraint(
                condition=Q(total__gt=0, present__lte=F("total")),
                name="feedback_attendance_possible",
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.cell} — {self.issue}"

    @property
    def answered(self):
        return bool(self.answer)


class SectionRating(models.Model):
    """How useful a cell found one main section of the issue."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="section_ratings")
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="+"
    )
    rating = rating_field(_("usefulness"))

    class Meta:
        verbose_name = _("section rating")
        verbose_name_plural = _("section ratings")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "section"], name="one_rating_per_section"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="section_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.section}: {self.rating}"
