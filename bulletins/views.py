"""The reading portal. Every query starts from Issue.objects.visible_to(user)."""

from auditlog.signals import accessed
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.models import Citation

from .models import Footnote, Issue, ReadConfirmation, Section


def home(request):
    issues = Issue.objects.visible_to(request.user).select_related("publisher")
    latest = issues.first()
    orientation = latest.sections.filter(level=1) if latest else Section.objects.none()
    return render(
        request,
        "bulletins/home.html",
        {"latest": latest, "orientation": orientation, "recent": issues[1:6]},
    )


def archive(request):
    issues = Issue.objects.visible_to(request.user).select_related("publisher")
    return render(request, "bulletins/archive.html", {"issues": issues})


def readable_issue(request, pk):
    """The issue if the user may read it; a visitor who might be allowed is asked to log in."""
    return get_object_or_404(
        Issue.objects.visible_to(request.user).select_related("publisher"), pk=pk
    )


@login_not_required
def issue_detail(request, pk):
    try:
        issue = readable_issue(request, pk)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    if issue.is_internal:
        accessed.send(sender=Issue, instance=issue)
    sections = issue.sections.prefetch_related(
        Prefetch("footnotes", queryset=Footnote.objects.order_by("position", "pk")),
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("document__document_type", "document__issuer"),
        ),
    )
    orientation = [section for section in sections if section.level == 1]
    confirmation = (
        ReadConfirmation.objects.filter(issue=issue, reader=request.user).first()
        if request.user.is_authenticated
        else None
    )
    context = {
        "issue": issue,
        "sections": sections,
        "orientation": orientation,
        "confirmation": confirmation,
    }
    return render(request, "bulletins/issue_detail.html", context)


@require_POST
def confirm_read(request, pk):
    issue = readable_issue(request, pk)
    _confirmation, created = ReadConfirmation.objects.get_or_create(
        issue=issue, reader=request.user
    )
    if created:
        messages.success(request, _("Thank you: your reading of this issue is recorded."))
    return redirect(issue)
