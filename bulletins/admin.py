import io

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from documents.admin import RecognisedCitationInline

from .confirmations import read_report, write_report_csv
from .models import Footnote, Issue, Section
from .numbering import outline_errors


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


WIDE_HEADING = {"heading": forms.Textarea(attrs={"rows": 2, "cols": 100})}


class SectionInline(admin.StackedInline):
    model = Section
    formset = SectionFormSet
    extra = 0
    fields = [
        ("position", "level"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
    ]
    autocomplete_fields = ["presented_document", "cited_documents", "event"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, widgets=WIDE_HEADING, **kwargs)


class PublisherScopedAdmin(admin.ModelAdmin):
    """Staff see and change only the material of the publishers they belong to."""

    publisher_path = "publisher"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.publisher_path}__in": request.user.organisations.values("pk")}
        )


@admin.register(Issue)
class IssueAdmin(PublisherScopedAdmin):
    list_display = ["title", "publisher", "month", "year", "status", "published_at"]
    list_filter = ["status", "year", "publisher"]
    search_fields = ["title_override", "sections__heading"]
    autocomplete_fields = ["publisher", "audience_organisations"]
    list_select_related = ["publisher"]
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["publisher", ("month", "year"), "title_override", "marking"]}),
        (_("Readers"), {"fields": ["audience", "audience_organisations", "read_report_link"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "publisher" and not request.user.is_superuser:
            kwargs["queryset"] = request.user.organisations.all()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        report = self.admin_site.admin_view(self.read_report_view)
        return [
            path("<int:pk>/tinh-hinh-doc/", report, name="bulletins_issue_read_report"),
            *super().get_urls(),
        ]

    @admin.display(description=_("Read confirmations"))
    def read_report_link(self, issue):
        if issue.pk is None:
            return "-"
        url = reverse("admin:bulletins_issue_read_report", args=[issue.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Which cells have confirmed"))

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
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "issue": issue,
            "title": gettext("Read confirmations: %(issue)s") % {"issue": issue},
            "confirmed": [row for row in report if row.confirmed],
            "missing": [row for row in report if not row.confirmed],
            "total": len(report),
        }
        return TemplateResponse(request, "admin/bulletins/issue/read_report.html", context)

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("bulletins.publish_issue"):
            return ["read_report_link"]
        return ["read_report_link", "status", "published_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.renumber_sections()


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 1
    fields = ["position", "marker", "text"]


@admin.register(Section)
class SectionAdmin(PublisherScopedAdmin):
    publisher_path = "issue__publisher"

    list_display = ["number", "heading", "issue"]
    list_display_links = ["heading"]
    list_filter = ["issue__year", "issue__publisher"]
    search_fields = ["heading", "body"]
    autocomplete_fields = ["issue", "presented_document", "cited_documents", "event"]
    list_select_related = ["issue"]
    readonly_fields = ["number"]
    fields = [
        "issue",
        ("position", "level", "number"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
    ]
    inlines = [FootnoteInline, RecognisedCitationInline]

    def get_form(self, request, obj=None, **kwargs):
        return super().get_form(request, obj, widgets=WIDE_HEADING, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issue" and not request.user.is_superuser:
            kwargs["queryset"] = Issue.objects.filter(
                publisher__in=request.user.organisations.values("pk")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.issue.renumber_sections()
