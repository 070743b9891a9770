"""The board's side: the inbox of questions with the answer form, each issue's summary, and
the report per publisher and month. Every view asks the staff policy (bulletins.policy)."""

import io

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaks_filter
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins import policy as rules
from bulletins.admin.pages import admin_page
from bulletins.models import Issue
from bulletins.policy import policy

from . import charts, qa, reports
from .forms import AnswerForm, QuestionAnswerForm
from .models import Feedback
from .recording import note_answer


class InboxFilter(admin.SimpleListFilter):
    title = _("questions")
    parameter_name = "hop_thu"

    def lookups(self, request, model_admin):
        return [("cho", _("Waiting for an answer")), ("da", _("Answered"))]

    def queryset(self, request, queryset):
        if self.value() == "cho":
            return queryset.exclude(questions="").filter(answer="")
        if self.value() == "da":
            return queryset.exclude(answer="")
        return queryset


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    form = AnswerForm
    exclude = ["version"]  # the form's own hidden field, not the model's
    list_display = ["cell", "issue", "rating", "attendance", "asked", "answered_mark"]
    list_filter = [InboxFilter, "rating", ("issue", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["cell", "issue"]
    search_fields = ["cell__name", "questions", "answer"]
    change_list_template = "admin/feedback/feedback/change_list.html"
    fieldsets = [
        (
            None,
            {"fields": ["issue_link", "cell", "attendance", "rating", "section_list"]},
        ),
        (_("Questions and opinions of members"), {"fields": ["questions_text", "recorded"]}),
        (
            _("Answer"),
            {"fields": ["answer", "publish_as_qa", "qa_link", "answered_when", "version"]},
        ),
    ]
    readonly_fields = [
        "issue_link",
        "cell",
        "attendance",
        "rating",
        "section_list",
        "questions_text",
        "recorded",
        "qa_link",
        "answered_when",
    ]

    def get_queryset(self, request):
        issues = policy.issues_for(request.user, rules.VIEW_FEEDBACK).values("pk")
        return super().get_queryset(request).filter(issue__in=issues)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or policy.can(request.user, rules.VIEW_FEEDBACK, obj.issue))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.can(request.user, rules.ANSWER, obj.issue))

    def has_add_permission(self, request):
        return False  # cells write their feedback in the portal

    def has_delete_permission(self, request, obj=None):
        return False  # it is the cell's record, not the board's

    def save_model(self, request, obj, form, change):
        previous = Feedback.objects.filter(pk=obj.pk).values_list("answer", flat=True).first()
        note_answer(obj, request.user, previous)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("issue"))
    def issue_link(self, feedback):
        url = reverse("admin:feedback_feedback_issue", args=[feedback.issue_id])
        return format_html('<a href="{}">{}</a>', url, feedback.issue)

    @admin.display(description=_("attendance"))
    def attendance(self, feedback):
        return f"{feedback.present}/{feedback.total}"

    @admin.display(description=_("questions"), boolean=True)
    def asked(self, feedback):
        return bool(feedback.questions)

    @admin.display(description=_("answered"), boolean=True)
    def answered_mark(self, feedback):
        return feedback.answered

    @admin.display(description=_("Ratings of sections"))
    def section_list(self, feedback):
        ratings = feedback.section_ratings.select_related("section").order_by(
            "section__position", "section__pk"
        )
        if not ratings:
            return "-"
        items = format_html_join("", "<li>{}: {}</li>", ((r.section, r.rating) for r in ratings))
        return format_html("<ul>{}</ul>", items)

    @admin.display(description=_("questions and opinions of members"))
    def questions_text(self, feedback):
        return linebreaks_filter(feedback.questions) if feedback.questions else "-"

    @admin.display(description=_("recorded"))
    def recorded(self, feedback):
        return who_and_when(feedback.recorded_by, feedback.recorded_at)

    @admin.display(description=_("answered"))
    def answered_when(self, feedback):
        return who_and_when(feedback.answered_by, feedback.answered_at)

    @admin.display(description=_("“Hỏi – đáp”"))
    def qa_link(self, feedback):
        if feedback.qa_issue_id:
            return gettext("Added to %(issue)s") % {"issue": feedback.qa_issue}
        if not qa.offerable(feedback):
            return "-"
        url = reverse("admin:feedback_feedback_insert_qa", args=[feedback.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Add to a draft issue"))

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("so/<int:pk>/", view(self.issue_view), name="feedback_feedback_issue"),
            path("bao-cao/", view(self.report_view), name="feedback_feedback_report"),
            path(
                "<int:pk>/hoi-dap/", view(self.insert_qa_view), name="feedback_feedback_insert_qa"
            ),
            *super().get_urls(),
        ]

    def issue_view(self, request, pk):
        """One issue's ratings, attendance, per-section ratings, and its questions."""
        issue = get_object_or_404(
            policy.issues_for(request.user, rules.VIEW_FEEDBACK).with_publisher(), pk=pk
        )
        if request.GET.get("format") == "csv":
            return csv_response(reports.issue_csv, issue, f"gop-y-{issue.pk}.csv")
        summary = reports.issue_summary(issue)
        chart = charts.bar_chart(
            gettext("Usefulness ratings of the issue"),
            gettext("Number of cells that gave each rating, from 5 (very useful) to 1."),
            [(str(value), count) for value, count, _share in summary.distribution],
            charts.count_scale(count for _value, count, _share in summary.distribution),
            "ratings",
        )
        feedback = (
            Feedback.objects.filter(issue=issue)
            .select_related("cell__parent")
            .order_by("cell__name", "pk")
        )
        return admin_page(
            self,
            request,
            "admin/feedback/feedback/issue.html",
            gettext("Feedback on %(issue)s") % {"issue": issue},
            issue=issue,
            summary=summary,
            chart=chart,
            feedback=feedback,
        )

    def report_view(self, request):
        """Per publisher and year: each month's issue with its ratings and attendance."""
        issues = policy.issues_for(request.user, rules.VIEW_FEEDBACK).exclude(
            status__in=[Issue.Status.DRAFT, Issue.Status.SUBMITTED]
        )
        publishers = list(
            policy.publishers().filter(pk__in=issues.values("publisher")).order_by("name")
        )
        title = gettext("Feedback report")
        if not publishers:  # nothing published yet: nothing to report
            return admin_page(self, request, "admin/feedback/feedback/report.html", title)
        chosen = request.GET.get("publisher", "")
        publisher = next((p for p in publishers if str(p.pk) == chosen), publishers[0])
        of_publisher = issues.filter(publisher=publisher)
        years = list(of_publisher.order_by("-year").values_list("year", flat=True).distinct())
        year = request.GET.get("year", "")
        year = int(year) if year.isdigit() and int(year) in years else years[0]
        report = reports.monthly(of_publisher.filter(year=year))
        if request.GET.get("format") == "csv":
            filename = f"gop-y-{publisher.pk}-{year}.csv"
            return csv_response(reports.monthly_csv, report, filename)
        labelled = [(month_label(issue), totals) for issue, totals in report]
        charts_shown = [
            charts.bar_chart(
                gettext("Average usefulness rating by month, %(year)s") % {"year": year},
                gettext("Average rating (1 to 5) the cells gave each month's issue."),
                [(label, totals.average) for label, totals in labelled],
                5,
                "rating-by-month",
            ),
            charts.bar_chart(
                gettext("Attendance by month, %(year)s") % {"year": year},
                gettext(
                    "Members present as a share of all members, in per cent, in the cells "
                    "that reported."
                ),
                [(label, totals.attendance) for label, totals in labelled],
                100,
                "attendance-by-month",
            ),
        ]
        return admin_page(
            self,
            request,
            "admin/feedback/feedback/report.html",
            title,
            publishers=publishers,
            publisher=publisher,
            years=years,
            year=year,
            report=report,
            charts=charts_shown,
        )

    def insert_qa_view(self, request, pk):
        """An editor adds an answered question, without the cell's name, to a draft."""
        feedback = get_object_or_404(self.get_queryset(request).select_related("issue"), pk=pk)
        template, title = "admin/feedback/feedback/insert_qa.html", gettext("Add to “Hỏi – đáp”")
        if not qa.offerable(feedback):
            return admin_page(
                self,
                request,
                template,
                title,
                feedback=feedback,
                refused=gettext("This answer is not offered as “Hỏi – đáp”, or was added already."),
            )
        form = QuestionAnswerForm(
            request.POST or None, drafts=qa.drafts_for(feedback, request.user)
        )
        if request.method == "POST" and form.is_valid():
            draft = form.cleaned_data["draft"]
            try:
                qa.insert_into(feedback, draft, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, gettext("Added to “Hỏi – đáp” in %(issue)s.") % {"issue": draft}
                )
                return redirect("admin:bulletins_issue_change", draft.pk)
        return admin_page(
            self,
            request,
            template,
            title,
            feedback=feedback,
            form=form,
            preview=qa.qa_html(feedback),
        )


def who_and_when(user, moment):
    """“Name, 21:05 26/11/2026” in local time, as the read report shows times."""
    if moment is None:
        return "-"
    return f"{user or '-'}, {date_format(localtime(moment), 'H:i d/m/Y')}"


def month_label(issue):
    return f"{issue.month}/{issue.year}"


def csv_response(write, data, filename):
    stream = io.StringIO()
    write(stream, data)
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
