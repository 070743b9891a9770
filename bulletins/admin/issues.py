"""The issue admin: the issue form with its outline, review, read report, import."""

import io
from functools import cached_property

from auditlog.signals import accessed
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins import deadlines, word, workflow
from bulletins import policy as rules
from bulletins.confirmations import read_report, write_report_csv
from bulletins.models import Attachment, Issue, Review, Section, start_next_issue
from bulletins.numbering import outline_errors
from bulletins.policy import policy
from bulletins.search import SectionQuery
from documents.models import Document
from people.admin import OrganisationPickers
from people.models import Organisation

from .forms import (
    WIDE_HEADING,
    IssueForm,
    TransitionForm,
    VersionedForm,
    keep_recoverable,
    last_saved,
)
from .importing import import_report, import_status_view, import_view, import_warnings_view
from .outline import MOVE_NAMES, SECTIONS_PER_PAGE, render_outline
from .pages import admin_page
from .provenance import take_view
from .scoping import PolicyScopedAdmin
from .widgets import (
    CellTypeChoices,
    KnownAutocompleteSelect,
    KnownAutocompleteSelectMultiple,
    give_known_labels,
)


class SectionFormSet(forms.BaseInlineFormSet):
    """A batch of an issue's sections: no colleague's edit lost, no level skipped."""

    def clean(self):
        super().clean()
        self.refuse_stale_deletions()
        conflicts = [form for form in self.forms if getattr(form, "conflict", None)]
        if conflicts:
            raise forms.ValidationError(
                _("Nothing was saved: someone else changed %(sections)s after you opened the page.")
                % {"sections": describe_conflicts(conflicts)},
                code="stale",
            )
        self.check_outline()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        give_known_labels(form)
        if "cell_types" in form.fields:  # the choices read once for the page, not per section
            form.fields["cell_types"].choices = self.cell_type_choices
        return form

    @cached_property
    def cell_type_choices(self):
        return list(self.form.base_fields["cell_types"].choices)

    def delete_existing(self, obj, commit=True):
        if commit:
            keep_recoverable(obj)
        super().delete_existing(obj, commit)

    def refuse_stale_deletions(self):
        """A section changed since the page was opened is not deleted unseen."""
        for form in self.initial_forms:
            if not self._should_delete_form(form):
                continue
            current = form.current()
            if current is None or form.cleaned_data.get("version") == current.version:
                continue
            form.conflict = last_saved(current)
            form.reload(current)
            form.data.pop(form.add_prefix(forms.formsets.DELETION_FIELD_NAME), None)
            form.add_error(
                None,
                _(
                    "%(who)s saved “%(what)s” at %(when)s, after you opened the page, so it "
                    "was not deleted. Its current text is shown: tick Delete again to delete it."
                )
                % form.conflict,
            )

    def check_outline(self):
        """The whole issue's outline after this save, the batch's changes on top of the rest."""
        stored = []
        if self.instance.pk:
            stored = self.instance.sections.values_list("pk", "position", "level", "heading")
        outline = {pk: (position, pk, level, heading) for pk, position, level, heading in stored}
        for form in self.forms:
            data, pk = form.cleaned_data, form.instance.pk
            if not data:
                continue
            if self._should_delete_form(form):
                outline.pop(pk, None)
                continue
            position, key, level, heading = outline.get(pk, (0, float("inf"), 1, ""))
            outline[pk or id(form)] = (
                data.get("position", position),
                key,
                data.get("level", level),
                data.get("heading", heading),
            )
        kept = sorted(outline.values())
        skipped = outline_errors([level for _position, _pk, level, _heading in kept])
        if skipped:
            headings = ", ".join(f"“{kept[index][3]}”" for index in skipped)
            raise forms.ValidationError(
                _(
                    "A section cannot be more than one level below the one before it. "
                    "Check the level of: %(headings)s"
                ),
                params={"headings": headings},
            )


def describe_conflicts(conflicting):
    """“1.2. Heading” (who, when); ... for the message above the refused forms."""
    return "; ".join("“{what}” ({who}, {when})".format(**form.conflict) for form in conflicting)


class SectionInline(CellTypeChoices, admin.StackedInline):
    """A page of the issue's sections, so that an issue of any size opens and saves."""

    model = Section
    form = VersionedForm
    exclude = ["version"]  # the form's own hidden field, not the model's
    formset = SectionFormSet
    extra = 0
    fields = [
        ("position", "level"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
        "cell_types",
        "version",
    ]
    readonly_fields = ["text"]
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = KnownAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = KnownAutocompleteSelectMultiple(db_field, self.admin_site)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @staticmethod
    def first_shown(request):
        """The 1-based number, in outline order, of the first section of the page (?muc=)."""
        start = request.GET.get("muc", "")
        return int(start) if start.isdigit() and int(start) > 0 else 1

    def page_queryset(self, request, issue, queryset):
        start = self.first_shown(request) - 1
        shown = issue.sections.order_by("position", "pk").values_list("pk", flat=True)
        ids = list(shown[start : start + SECTIONS_PER_PAGE])
        cited = Document.objects.select_related("document_type")
        return (
            queryset.filter(pk__in=ids)
            .select_related("presented_document__document_type", "event")
            .prefetch_related(Prefetch("cited_documents", cited), "cell_types")
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
class IssueAdmin(OrganisationPickers, PolicyScopedAdmin):
    form = IssueForm
    exclude = ["version"]
    list_display = ["issue_title", "kind", "publisher", "status", "due", "published_at"]
    list_filter = ["kind", "status", "year", ("publisher", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title_override", "topic", "sections__heading"]
    autocomplete_fields = ["publisher", "audience_organisations"]
    list_select_related = ["publisher__publishing"]
    inlines = [SectionInline, AttachmentInline, ReviewInline]
    change_list_template = "admin/bulletins/issue/change_list.html"
    history_latest_first = True

    class Media:
        css = {"all": ["bulletins/admin.css"]}

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "publisher",
                    ("kind", "month", "year"),
                    "topic",
                    "title_override",
                    "marking",
                ]
            },
        ),
        (_("Readers"), {"fields": ["audience", "audience_organisations", "read_report_link"]}),
        (_("Outline"), {"fields": ["outline", "take_link"]}),
        (_("Publication"), {"fields": ["status", "published_at", "workflow_link", "word_link"]}),
        (None, {"fields": ["correction_note", "version"]}),
    ]
    readonly_fields = [
        "status",
        "published_at",
        "read_report_link",
        "workflow_link",
        "word_link",
        "outline",
        "take_link",
        "import_warnings_list",
    ]

    def get_search_results(self, request, queryset, search_term):
        """Issues whose own title or whose sections match, through the search index."""
        if not search_term.strip():
            return queryset, False
        sections = SectionQuery(search_term).matching(Section.objects.filter(issue__in=queryset))
        return queryset.filter(
            Q(title_override__icontains=search_term)
            | Q(topic__icontains=search_term)
            | Q(pk__in=sections.values("issue_id"))
        ), False

    @admin.display(description=_("title"), ordering="period")
    def issue_title(self, issue):
        return issue.title

    @admin.display(description=_("due by"), ordering="period")
    def due(self, issue):
        """The last day to come out on time (bulletins.deadlines), flagged when missed."""
        due = deadlines.due_date(issue, deadlines.settings_for(issue.publisher))
        shown = date_format(due, "d/m/Y")
        # Published (or scheduled): on its day; not yet: today, and it is late once past.
        came_out = timezone.localdate(issue.published_at) if issue.published_at else None
        if (came_out or timezone.localdate()) > due:
            return format_html('{} <strong class="late">{}</strong>', shown, gettext("late"))
        return shown

    def get_queryset(self, request):
        """Sorting by title sorts by month: the title is the month's unless overridden."""
        return super().get_queryset(request).annotate(period=F("year") * 100 + F("month"))

    def view_on_site(self, issue):
        """Staff always open the preview: it shows drafts too, marked as such."""
        return reverse("bulletins:issue_preview", args=[issue.pk])

    def get_fieldsets(self, request, obj=None):
        fieldsets = self.fieldsets
        if obj is not None and not self.has_change_permission(request, obj):
            fieldsets = fieldsets[:-1]  # read-only: no correction to note, no version to send
        elif obj is None or not obj.was_published:
            fieldsets = [*fieldsets[:-1], (None, {"fields": ["version"]})]
        if obj is not None and obj.import_warnings:
            fieldsets = [
                (_("To check after the import"), {"fields": ["import_warnings_list"]}),
                *fieldsets,
            ]
        return fieldsets

    @admin.display(description=_("import warnings"))
    def import_warnings_list(self, issue):
        return import_report(issue)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, SectionInline) and obj is not None and obj.pk:
            kwargs["queryset"] = inline.page_queryset(request, obj, kwargs["queryset"])
        return kwargs

    @admin.display(description=_("Sections"))
    def outline(self, issue):
        return render_outline(issue)

    def organisation_choices(self, request, field_name):
        """Only the publishers this user may use are offered; any organisation may read."""
        if field_name == "publisher":
            return policy.publishers_for(request.user)
        return Organisation.objects.all()

    def restoring(self, request, issue):
        """A revert keeps the issue's status and a recovered issue comes back as a draft:
        only the workflow moves an issue towards or away from readers."""
        if issue is None:
            request.workflow_state = {"status": Issue.Status.DRAFT, "published_at": None}
        else:
            request.workflow_state = {"status": issue.status, "published_at": issue.published_at}

    def get_object(self, request, object_id, from_field=None):
        issue = super().get_object(request, object_id, from_field)
        for field, value in getattr(request, "workflow_state", {}).items():
            setattr(issue, field, value)
        return issue

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        move = request.POST.get("_move", "")
        section_pk, _colon, direction = move.partition(":")
        if section_pk.isdigit() and direction in MOVE_NAMES:
            form.instance.move_section(int(section_pk), direction)
        else:
            form.instance.renumber_sections()

    def response_change(self, request, obj):
        if "_move" in request.POST:
            return HttpResponseRedirect(request.get_full_path())
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
            path("<int:pk>/word/", view(self.word_view), name="bulletins_issue_word"),
            path("<int:pk>/lay-muc-cap-tren/", view(self.take_view), name="bulletins_issue_take"),
            path("so-thang-sau/", view(self.start_next_view), name="bulletins_issue_start_next"),
            path("nhap/", view(self.import_view), name="bulletins_issue_import"),
            path(
                "nhap/<uuid:pk>/",
                view(self.import_status_view),
                name="bulletins_issue_import_status",
            ),
            path(
                "<int:pk>/canh-bao-nhap/",
                view(self.import_warnings_view),
                name="bulletins_issue_import_warnings",
            ),
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

    @admin.display(description=_("Word file"))
    def word_link(self, issue):
        return self._page_link(issue, "word", gettext("Download as Word (.docx)"))

    def word_view(self, request, pk):
        """The whole issue as Word, in any state; audited as a reader's download is."""
        issue = self.allowed_object(request, pk, rules.VIEW)
        if issue.is_internal:
            accessed.send(sender=Issue, instance=issue)
        return word.download(issue, issue.sections.all())

    @admin.display(description=_("From a higher publisher"))
    def take_link(self, issue):
        if issue.status != Issue.Status.DRAFT:
            return gettext("Sections are taken into a draft only.")
        return self._page_link(
            issue, "take", gettext("Take sections from a higher publisher’s issue")
        )

    def take_view(self, request, pk):
        return take_view(request, self, pk)

    def workflow_view(self, request, pk):
        issue = self.allowed_object(request, pk, rules.VIEW)
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

    def import_status_view(self, request, pk):
        return import_status_view(request, self, pk)

    def import_warnings_view(self, request, pk):
        return import_warnings_view(request, self, pk)

    def start_next_view(self, request):
        """The next regular issue (next month) or thematic one (next quarter, with its topic)."""
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        publishers = policy.publishers_for(request.user)
        publisher = get_object_or_404(publishers, pk=request.POST.get("publisher"))
        kind = request.POST.get("kind", Issue.Kind.REGULAR)
        topic = " ".join(request.POST.get("topic", "").split())[:255]
        if kind not in Issue.Kind.values:
            raise PermissionDenied
        if kind == Issue.Kind.THEMATIC and not topic:
            messages.error(
                request, gettext("A thematic issue needs its topic: it is the issue's title.")
            )
            return redirect("admin:bulletins_issue_changelist")
        issue = start_next_issue(publisher, request.user, kind, topic)
        if issue is None:
            messages.error(
                request,
                gettext("Next quarter's thematic issue already exists.")
                if kind == Issue.Kind.THEMATIC
                else gettext("Next month's issue already exists."),
            )
            return redirect("admin:bulletins_issue_changelist")
        messages.success(request, gettext("Draft “%(issue)s” started.") % {"issue": issue})
        return redirect("admin:bulletins_issue_change", issue.pk)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "publishers": policy.publishers_for(request.user),
            "kinds": Issue.Kind.choices,
        }
        return super().changelist_view(request, extra_context)

    def read_report_view(self, request, pk):
        issue = self.allowed_object(request, pk, rules.VIEW)
        export = request.GET.get("format") == "csv"
        report = read_report(issue, names=export)
        if export:
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
