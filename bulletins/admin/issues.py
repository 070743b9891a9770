"""The issue admin: the issue form with its outline, review, read report, import."""

import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion import set_comment
from reversion_compare.admin import CompareVersionAdmin

from bulletins import workflow
from bulletins.confirmations import read_report, write_report_csv
from bulletins.models import Attachment, Issue, Review, Section, start_next_issue
from bulletins.numbering import outline_errors
from people.admin import OrganisationPickers
from people.models import Organisation

from .forms import WIDE_HEADING, IssueForm, TransitionForm, VersionedForm
from .importing import import_view
from .pages import admin_page
from .scoping import PublisherScopedMixin


class SectionFormSet(forms.BaseInlineFormSet):
    """Refuses an outline that skips a level (a 2.1.1. straight under 2.)."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda data: data["position"])
        skipped = outline_errors([data["level"] for data in kept])
        if skipped:
            headings = ", ".join(f"“{kept[index]['heading']}”" for index in skipped)
            raise forms.ValidationError(
                _(
                    "A section cannot be more than one level below the one before it. "
                    "Check the level of: %(headings)s"
                ),
                params={"headings": headings},
            )


MOVES = [("up", "↑", _("Move up")), ("down", "↓", _("Move down")),
         ("out", "←", _("One level up")), ("in", "→", _("One level down"))]  # fmt: skip


class SectionInline(admin.StackedInline):
    model = Section
    form = VersionedForm
    exclude = ["version"]  # the form's own hidden field, not the model's
    formset = SectionFormSet
    extra = 0
    fields = [
        ("position", "level", "outline_moves"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
        "version",
    ]
    readonly_fields = ["outline_moves", "text"]
    autocomplete_fields = ["presented_document", "cited_documents", "event"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, widgets=WIDE_HEADING, **kwargs)

    def get_fields(self, request, obj=None):
        """Who may only read the issue sees the text as readers do, not its HTML."""
        fields = super().get_fields(request, obj)
        if obj is None or self.admin_site.get_model_admin(Issue).has_change_permission(
            request, obj
        ):
            return fields
        return ["text" if field == "body" else field for field in fields if field != "version"]

    @admin.display(description=_("body"))
    def text(self, section):
        return mark_safe(section.body)  # noqa: S308  (sanitised with nh3 on save)

    @admin.display(description=_("Move"))
    def outline_moves(self, section):
        """Buttons of the issue form: the form is saved, then the section moved."""
        if section.pk is None:
            return "-"
        return format_html_join(
            " ",
            '<button type="submit" name="_move" value="{}:{}" title="{}" class="button">'
            "{}</button>",
            ((section.pk, move, label, arrow) for move, arrow, label in MOVES),
        )


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


class ReviewInline(admin.TabularInline):
    """The way the issue went so far, with the approver's comments for the editor."""

    model = Review
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "status_before", "status_after", "comment"]
    readonly_fields = fields
    verbose_name_plural = _("Review history")

    @admin.display(description=_("Status before"))
    def status_before(self, review):
        return review.get_from_status_display()

    @admin.display(description=_("Status after"))
    def status_after(self, review):
        return review.get_to_status_display()

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Issue)
class IssueAdmin(OrganisationPickers, PublisherScopedMixin, CompareVersionAdmin):
    form = IssueForm
    exclude = ["version"]
    list_display = ["issue_title", "publisher", "status", "published_at"]
    list_filter = ["status", "year", ("publisher", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title_override", "sections__heading"]
    autocomplete_fields = ["publisher", "audience_organisations"]
    list_select_related = ["publisher"]
    inlines = [SectionInline, AttachmentInline, ReviewInline]
    change_list_template = "admin/bulletins/issue/change_list.html"
    history_latest_first = True

    class Media:
        css = {"all": ["bulletins/admin.css"]}

    fieldsets = [
        (None, {"fields": ["publisher", ("month", "year"), "title_override", "marking"]}),
        (_("Readers"), {"fields": ["audience", "audience_organisations", "read_report_link"]}),
        (_("Publication"), {"fields": ["status", "published_at", "workflow_link"]}),
        (None, {"fields": ["correction_note", "version"]}),
    ]
    readonly_fields = ["status", "published_at", "read_report_link", "workflow_link"]

    @admin.display(description=_("title"), ordering=("-year", "-month"))
    def issue_title(self, issue):
        return issue.title

    def view_on_site(self, issue):
        """Staff always open the preview: it shows drafts too, marked as such."""
        return reverse("bulletins:issue_preview", args=[issue.pk])

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return self.fieldsets[:-1]  # read-only: no correction to note, no version to send
        if obj is not None and obj.was_published:
            return self.fieldsets
        return [*self.fieldsets[:-1], (None, {"fields": ["version"]})]

    def organisation_choices(self, request, field_name):
        """Only the publishers this user may use are offered; any organisation may read."""
        if field_name == "publisher":
            return self.publishers(request)
        return Organisation.objects.all()

    def has_change_permission(self, request, obj=None):
        """A published issue is corrected by the approvers only; editors read it."""
        if obj is not None and obj.was_published and not request.user.has_perm(workflow.PUBLISH):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.was_published:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        """The revision of a correction keeps the approver's reason as its comment."""
        entry = super().log_change(request, obj, message)
        note = request.POST.get("correction_note", "").strip()
        if note:
            set_comment(note)
        return entry

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        move = request.POST.get("_move", "")
        section_pk, _colon, direction = move.partition(":")
        if section_pk.isdigit() and direction in {key for key, *_rest in MOVES}:
            form.instance.move_section(int(section_pk), direction)
        else:
            form.instance.renumber_sections()

    def response_change(self, request, obj):
        if "_move" in request.POST:
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<int:pk>/tinh-hinh-doc/",
                view(self.read_report_view),
                name="bulletins_issue_read_report",
            ),
            path("<int:pk>/duyet/", view(self.workflow_view), name="bulletins_issue_workflow"),
            path("so-thang-sau/", view(self.start_next_view), name="bulletins_issue_start_next"),
            path("nhap/", view(self.import_view), name="bulletins_issue_import"),
            *super().get_urls(),
        ]

    @staticmethod
    def _page_link(issue, page, label):
        """A link from the issue form to one of the issue's own admin pages."""
        if issue.pk is None:
            return "-"
        url = reverse(f"admin:bulletins_issue_{page}", args=[issue.pk])
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description=_("Read confirmations"))
    def read_report_link(self, issue):
        return self._page_link(issue, "read_report", gettext("Which cells have confirmed"))

    @admin.display(description=_("Review and publication"))
    def workflow_link(self, issue):
        return self._page_link(issue, "workflow", gettext("Submit, publish or send back"))

    def workflow_view(self, request, pk):
        issue = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        form = TransitionForm(request.POST or None)
        transition = request.POST.get("transition", "")
        transitions = workflow.available(issue, request.user)
        confirming = (
            transition == "publish"
            and "confirmed" not in request.POST
            and any(step.name == "publish" for step in transitions)
        )
        if request.method == "POST" and form.is_valid() and not confirming:
            try:
                workflow.apply(
                    issue,
                    transition,
                    request.user,
                    comment=form.cleaned_data["comment"] or "",
                    when=form.cleaned_data["when"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                issue.refresh_from_db()
                messages.success(
                    request,
                    gettext("The issue is now “%(status)s”.")
                    % {"status": issue.get_status_display()},
                )
                return redirect("admin:bulletins_issue_workflow", pk=issue.pk)
        return admin_page(
            self,
            request,
            "admin/bulletins/issue/workflow.html",
            gettext("Review and publication: %(issue)s") % {"issue": issue},
            issue=issue,
            form=form,
            confirm_publish=confirming and form.is_valid(),
            transitions=transitions,
            reviews=issue.reviews.select_related("actor"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """An issue sent back opens with the approver's comment on top, not under the form."""
        issue = self.get_object(request, object_id)
        if request.method == "GET" and issue is not None and issue.status == Issue.Status.DRAFT:
            review = issue.reviews.order_by("-created_at").first()
            if review and review.from_status == Issue.Status.SUBMITTED and review.comment:
                messages.warning(
                    request,
                    gettext("Sent back by %(who)s: %(comment)s")
                    % {"who": review.actor or gettext("the approver"), "comment": review.comment},
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def import_view(self, request):
        return import_view(request, self)

    def publishers(self, request):
        """The organisations this user may start issues for."""
        if request.user.is_superuser:
            return Organisation.objects.filter(kind=Organisation.Kind.BOARD)
        return request.user.organisations.all()

    def start_next_view(self, request):
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        publisher = get_object_or_404(self.publishers(request), pk=request.POST.get("publisher"))
        issue = start_next_issue(publisher, request.user)
        if issue is None:
            messages.error(request, gettext("Next month's issue already exists."))
            return redirect("admin:bulletins_issue_changelist")
        messages.success(request, gettext("Draft “%(issue)s” started.") % {"issue": issue})
        return redirect("admin:bulletins_issue_change", issue.pk)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "publishers": self.publishers(request)}
        return super().changelist_view(request, extra_context)

    def read_report_view(self, request, pk):
        issue = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        report = read_report(issue)
        if request.GET.get("format") == "csv":
            stream = io.StringIO()
            headers = [
                gettext("Party cell"),
                gettext("Party committee"),
                gettext("Confirmed"),
                gettext("Confirmed by"),
                gettext("First confirmation"),
            ]
            write_report_csv(report, stream, headers)
            response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="xac-nhan-doc-{issue.pk}.csv"'
            return response
        return admin_page(
            self,
            request,
            "admin/bulletins/issue/read_report.html",
            gettext("Read confirmations: %(issue)s") % {"issue": issue},
            issue=issue,
            confirmed=[row for row in report if row.confirmed],
            missing=[row for row in report if not row.confirmed],
            total=len(report),
        )
