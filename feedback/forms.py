"""The cell's feedback form and the board's answer form, both refusing stale saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from operations.versioning import VersionField

from .models import RATINGS, TEXT_LIMIT, Feedback
from .recording import stale_message

NOT_RATED = [("", _("Not rated"))]


def section_field_name(section):
    return f"muc_{section.pk}"


class FeedbackForm(forms.ModelForm):
    """Attendance, ratings and questions; one optional rating per section the cell reads."""

    version = VersionField(required=False)

    class Meta:
        model = Feedback
        fields = ["present", "total", "rating", "questions"]
        widgets = {
            "rating": forms.RadioSelect,
            "questions": forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_LIMIT}),
        }
        help_texts = {
            "rating": _("1: not useful, 5: very useful."),
            "questions": _("Plain text: what members asked or proposed (ý kiến, kiến nghị)."),
        }

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        self.fields["rating"].choices = RATINGS  # a radio for each value, no empty one
        if self.instance.answered:  # the answer was to these words: they stay as asked
            self.fields["questions"].disabled = True
            self.fields["questions"].help_text = _(
                "The board has answered these questions, so they can no longer be changed. "
                "Send new questions with the feedback on a later issue."
            )
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        given = {}
        if self.instance.pk:
            given = dict(self.instance.section_ratings.values_list("section_id", "rating"))
        for section in self.sections:
            self.fields[section_field_name(section)] = forms.TypedChoiceField(
                label=str(section),
                choices=NOT_RATED + RATINGS,
                coerce=int,
                empty_value=None,
                required=False,
                initial=given.get(section.pk, ""),
            )

    def clean_total(self):
        total = self.cleaned_data["total"]
        if total < 1:
            raise forms.ValidationError(_("A cell has at least one member."), code="empty_cell")
        return total

    def clean(self):
        cleaned = super().clean()
        present, total = cleaned.get("present"), cleaned.get("total")
        if present is not None and total is not None and present > total:
            self.add_error(
                "present",
                forms.ValidationError(
                    _("Members present cannot be more than the members of the cell (%(total)s)."),
                    code="too_many_present",
                    params={"total": total},
                ),
            )
        return cleaned

    def section_ratings(self):
        """{section id: rating} for the sections rated in this form."""
        return {
            section.pk: self.cleaned_data[section_field_name(section)]
            for section in self.sections
            if self.cleaned_data.get(section_field_name(section))
        }

    def section_fields(self):
        return [self[section_field_name(section)] for section in self.sections]

    def stale(self, current):
        """Show the stored record's version next time: saving again is a deliberate choice."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current.version)


class AnswerForm(forms.ModelForm):
    """The board's answer to a cell's questions."""

    version = VersionField(required=False)

    class Meta:
        model = Feedback
        fields = ["answer", "publish_as_qa"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_LIMIT})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        # Locked until the admin's transaction ends: no save slips in between.
        current = Feedback.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is not None and cleaned.get("version") != current.version:
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = str(current.version)
            raise forms.ValidationError(stale_message(current), code="stale")
        if cleaned.get("publish_as_qa") and not cleaned.get("answer", "").strip():
            self.add_error(
                "publish_as_qa",
                forms.ValidationError(
                    _("Write the answer before offering it as “Hỏi – đáp”."), code="no_answer"
                ),
            )
        if cleaned.get("answer") and not self.instance.questions.strip():
            self.add_error(
                "answer",
                forms.ValidationError(_("This cell asked no question."), code="no_question"),
            )
        return cleaned


class QuestionAnswerForm(forms.Form):
    """The draft a published question and answer goes into."""

    draft = forms.ModelChoiceField(queryset=None, label=_("Draft issue"), empty_label=None)

    def __init__(self, *args, drafts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = drafts
