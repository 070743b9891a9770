"""Admin pages of provenance: taking sections from a higher publisher's issue into a draft, and
deciding on a source corrected after it was taken. The rules live in bulletins.provenance."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from bulletins import policy as rules
from bulletins import provenance
from bulletins.models import Issue, Section
from bulletins.policy import policy

from .pages import admin_page


class SourceChoice(forms.ModelChoiceField):
    def label_from_instance(self, issue):
        return f"{issue.title} — {issue.publisher_name}"


class TakeForm(forms.Form):
    """Which higher issue, which of its sections, and where they go in the draft."""

    source = SourceChoice(queryset=None, label=_("Issue of a higher publisher"))
    sections = forms.ModelMultipleChoiceField(
        queryset=Section.objects.none(),
        label=_("Sections to take"),
        required=False,
        help_text=_("A ticked section is taken with all its subsections."),
    )
    after = forms.ModelChoiceField(
        queryset=Section.objects.none(),
        label=_("Place them after"),
        required=False,
        empty_label=_("At the end of the draft"),
    )

    def __init__(self, data, *, user, target):
        super().__init__(data)
        self.fields["source"].queryset = (
            policy.issues_for(user, rules.TAKE_FROM)
            .with_publisher()
            .order_by("-year", "-month", "publisher__name")
        )
        self.fields["after"].queryset = target.sections.filter(level=1).order_by("position")
        source = self.fields["source"].queryset.filter(pk=self.data.get("source") or None)
        self.fields["sections"].queryset = Section.objects.filter(issue__in=source)


def take_view(request, model_admin, pk):
    """Choose a released issue of a higher publisher, tick sections, preview, confirm."""
    target = model_admin.allowed_object(request, pk, rules.CHANGE)
    if target.status != target.Status.DRAFT:
        messages.error(request, gettext("Sections can only be taken into a draft."))
        return redirect("admin:bulletins_issue_change", target.pk)
    data = request.POST if request.method == "POST" else request.GET
    form = TakeForm(data if "source" in data else None, user=request.user, target=target)
    source = form.cleaned_data["source"] if form.is_bound and form.is_valid() else None
    chosen = list(form.cleaned_data["sections"]) if source else []
    preview, chosen_ids = [], {section.pk for section in chosen}
    outline = source.sections.order_by("position", "pk") if source else []
    if source and request.method == "POST":
        if not chosen:
            form.add_error("sections", gettext("Tick at least one section."))
        elif "confirm" in request.POST:
            try:
                copies = provenance.take(
                    chosen, target, request.user, after=form.cleaned_data["after"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                taken = ngettext(
                    "%(count)s section taken from “%(source)s”.",
                    "%(count)s sections taken from “%(source)s”.",
                    len(copies),
                )
                messages.success(request, taken % {"count": len(copies), "source": source})
                return redirect("admin:bulletins_issue_change", target.pk)
        else:
            preview = provenance.with_subtrees(outline, chosen_ids)
    return admin_page(
        model_admin,
        request,
        "admin/bulletins/issue/take.html",
        gettext("Take sections from a higher publisher’s issue"),
        issue=target,
        form=form,
        source=source,
        outline=outline,
        chosen=chosen_ids,
        preview=preview,
        credit=provenance.credit_for(source) if source else "",
    )


class DecisionForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    # The copy as shown: a colleague's later edit of it is not overwritten unseen.
    copy_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to apply the change to an issue readers already have."),
    )


def upstream_view(request, model_admin, pk):
    """The difference between a taken section and its corrected source; apply or keep."""
    section = model_admin.allowed_object(request, pk, rules.CHANGE)
    source = section.source
    # A source back in its publisher's drafts is nobody else's to read until released again.
    waiting = (
        source is not None
        and source.version > (section.source_version or 0)
        and policy.can(request.user, rules.TAKE_FROM, source)
    )
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        initial={
            "seen_version": source.version if waiting else None,
            "copy_version": section.version,
        },
    )
    decision = request.POST.get("decision", "")
    if request.method == "POST" and form.is_valid():
        try:
            provenance.decide(
                section,
                request.user,
                decision,
                form.cleaned_data["seen_version"],
                form.cleaned_data["reason"] or "",
                copy_version=form.cleaned_data["copy_version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = {
                provenance.APPLY: gettext("The corrected text of the source is applied."),
                provenance.KEEP: gettext("The section keeps its text."),
            }
            messages.success(request, done[decision])
            return redirect("admin:index")
    return admin_page(
        model_admin.admin_site.get_model_admin(Issue),  # its pages' breadcrumbs
        request,
        "admin/bulletins/section/upstream.html",
        gettext("Correction of a taken section: %(section)s") % {"section": section},
        section=section,
        issue=section.issue,
        waiting=waiting,
        difference=provenance.difference_html(section) if waiting else "",
        form=form,
    )
