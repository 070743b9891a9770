"""The issue admin: the issue form with its outline; its own pages are in issue_pages.py and
its inlines in issue_inlines.py."""

from django.contrib import admin, messages
from django.db.models import F, Q
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins import deadlines
from bulletins.models import Issue, Section
from bulletins.policy import policy
from bulletins.search import SectionQuery
from people.admin import OrganisationPickers
from people.models import Organisation

from .forms import IssueForm
from .importing import import_report, import_status_view, import_view, import_warnings_view
from .issue_inlines import AttachmentInline, ReviewInline, SectionInline
from .issue_pages import read_report_page, start_next_page, word_page, workflow_page
from .outline import MOVE_NAMES, render_outline
from .provenance import take_view
from .scoping import PolicyScopedAdmin


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
        fieldsets = [*self.fieldsets]
        # Who may change the issue sends the version it edits (concurrent edits are refused)
        # and, once it was published, notes what a change corrects; who may only read, neither.
        if obj is None or self.has_change_permission(request, obj):
            editing = ["correction_note", "version"] if obj and obj.was_published else ["version"]
            fieldsets.append((None, {"fields": editing}))
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
        wanted = section_pk.isdigit() and direction in MOVE_NAMES
        if not (wanted and form.instance.move_section(int(section_pk), direction)):
            form.instance.renumber_sections()  # a section not in the issue moves nothing

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

    @admin.display(description=_("From a higher publisher"))
    def take_link(self, issue):
        if issue.status != Issue.Status.DRAFT:
            return gettext("Sections are taken into a draft only.")
        return self._page_link(
            issue, "take", gettext("Take sections from a higher publisher’s issue")
        )

    def take_view(self, request, pk):
        return take_view(request, self, pk)

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

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "publishers": policy.publishers_for(request.user),
            "kinds": Issue.Kind.choices,
        }
        return super().changelist_view(request, extra_context)

    def workflow_view(self, request, pk):
        return workflow_page(self, request, pk)

    def read_report_view(self, request, pk):
        return read_report_page(self, request, pk)

    def word_view(self, request, pk):
        return word_page(self, request, pk)

    def start_next_view(self, request):
        return start_next_page(self, request)
