"""The issue's own admin pages: review and publication, read confirmations, the Word file,
the next issue. Each is a function of the issue admin and the request, wired by
``IssueAdmin.get_urls()``."""

import io
from html import escape

from auditlog.signals import accessed
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from bulletins import policy as rules
from bulletins import word, workflow
from bulletins.confirmations import read_report, write_report_csv
from bulletins.models import Issue, start_next_issue
from bulletins.policy import policy

from .forms import TransitionForm
from .pages import admin_page


def workflow_page(model_admin, request, pk):
    """Submit, publish, schedule, send back or withdraw, with the issue's review history."""
    issue = model_admin.allowed_object(request, pk, rules.VIEW)
    form = TransitionForm(request.POST or None, initial={"seen": issue.updated_at.isoformat()})
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
                seen=form.cleaned_data["seen"] or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            issue.refresh_from_db()
            messages.success(
                request,
                gettext("The issue is now “%(status)s”.") % {"status": issue.get_status_display()},
            )
            return redirect("admin:bulletins_issue_workflow", pk=issue.pk)
    return admin_page(
        model_admin,
        request,
        "admin/bulletins/issue/workflow.html",
        gettext("Review and publication: %(issue)s") % {"issue": issue},
        issue=issue,
        form=form,
        confirm_publish=confirming and form.is_valid(),
        transitions=transitions,
        reviews=issue.reviews.select_related("actor"),
    )


def read_report_page(model_admin, request, pk):
    """Which cells have confirmed reading, on screen or as CSV."""
    issue = model_admin.allowed_object(request, pk, rules.VIEW)
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
        model_admin,
        request,
        "admin/bulletins/issue/read_report.html",
        gettext("Read confirmations: %(issue)s") % {"issue": issue},
        issue=issue,
        confirmed=report_rows([row for row in report if row.confirmed], counted=True),
        missing=report_rows([row for row in report if not row.confirmed], counted=False),
        total=len(report),
    )


def report_rows(rows, counted):
    """The report's table rows, built without a template per row: an issue for every reader
    lists every cell (thousands), escaped with the standard library's escape as in the outline.
    """
    return [
        mark_safe(  # noqa: S308 - the names escaped here, the rest numbers and dates
            f"<tr><td>{escape(row.cell.name)}</td>"
            f"<td>{escape(row.cell.parent.name) if row.cell.parent else ''}</td>"
            + (
                f"<td>{row.count}</td><td>{localtime(row.first_at):%H:%M %d/%m/%Y}</td>"
                if counted
                else ""
            )
            + "</tr>"
        )
        for row in rows
    ]


def word_page(model_admin, request, pk):
    """The whole issue as Word, in any state; audited as a reader's download is."""
    issue = model_admin.allowed_object(request, pk, rules.VIEW)
    if issue.is_internal:
        accessed.send(sender=Issue, instance=issue)
    return word.download(issue, issue.sections.all())


def start_next_page(model_admin, request):
    """The next regular issue (next month) or thematic one (next quarter, with its topic)."""
    if request.method != "POST" or not model_admin.has_add_permission(request):
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
