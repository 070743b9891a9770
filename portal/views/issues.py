"""The reading portal. Every query starts from Issue.objects.visible_to(user)."""

import functools

from auditlog.signals import accessed
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bulletins.models import Footnote, Issue, ReadConfirmation, Section
from documents.models import Citation
from people.mentions import PeopleLinker
from people.models import Person

from .. import pdf, reading


def home(request):
    issues = Issue.objects.visible_to(request.user).with_publisher()
    today = timezone.localdate()
    latest = reading.current_issue(issues, today)
    orientation = latest.sections.filter(level=1) if latest else Section.objects.none()
    recent = issues.exclude(pk=latest.pk)[:5] if latest else []
    return render(
        request,
        "portal/home.html",
        {
            "latest": latest,
            "this_month": latest and (latest.year, latest.month) == (today.year, today.month),
            "orientation": orientation,
            "recent": recent,
        },
    )


def archive(request):
    issues = Issue.objects.visible_to(request.user).with_publisher()
    return render(request, "portal/archive.html", {"issues": issues})


def readable_issue(request, pk):
    """The issue if the user may read it; a visitor who might be allowed is asked to log in."""
    return get_object_or_404(Issue.objects.visible_to(request.user).with_publisher(), pk=pk)


def opening_issue(view):
    """Give the view the issue the user may read, asking a visitor to log in first.

    Public issues are readable without an account, so the login check happens here, not in
    the middleware. Every opening of an internal issue, on screen or as a PDF, is audited.
    """

    @login_not_required
    @functools.wraps(view)
    def wrapper(request, pk):
        try:
            issue = readable_issue(request, pk)
        except Http404:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise
        if issue.is_internal:
            accessed.send(sender=Issue, instance=issue)
        return view(request, issue)

    return wrapper


def issue_text(issue):
    """The sections with what the text shows: footnotes and linked citations (3 queries)."""
    sections = issue.sections.prefetch_related(
        Prefetch("footnotes", queryset=Footnote.objects.order_by("position", "pk")),
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("document__document_type", "document__issuer"),
        ),
    )
    return {
        "issue": issue,
        "sections": sections,
        "orientation": [section for section in sections if section.level == 1],
        "people_linker": people_linker(),
    }


def people_linker():
    """Names in the text link to the people's pages (people.mentions), one query."""
    people = Person.objects.values_list("pk", "full_name")
    return PeopleLinker((name, reverse("people:person", args=[pk])) for pk, name in people)


@opening_issue
def issue_detail(request, issue):
    context = issue_text(issue)
    previous, following = reading.neighbours(issue, request.user)
    context |= {
        "previous": previous,
        "next": following,
        "minutes": reading.reading_minutes(context["sections"]),
        "attachments": issue.attachments.all(),
        "confirmation": (
            ReadConfirmation.objects.filter(issue=issue, reader=request.user).first()
            if request.user.is_authenticated
            else None
        ),
    }
    return render(request, "portal/issue_detail.html", context)


def issue_preview(request, pk):
    """Staff see an unpublished issue exactly as readers will, marked as a preview."""
    issue = get_object_or_404(Issue.objects.managed_by(request.user).with_publisher(), pk=pk)
    context = issue_text(issue)
    context |= {
        "preview": True,
        "minutes": reading.reading_minutes(context["sections"]),
        "attachments": issue.attachments.all(),
    }
    return render(request, "portal/issue_detail.html", context)


@opening_issue
def issue_pdf(request, issue):
    if not pdf.available():
        return render(request, "portal/pdf_unavailable.html", {"issue": issue}, status=503)
    context = issue_text(issue) | {"download_note": pdf.download_note(request.user, timezone.now())}
    response = HttpResponse(pdf.render_issue(request, context), content_type="application/pdf")
    filename = f"tai-lieu-sinh-hoat-chi-bo-{issue.year}-{issue.month:02d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # each copy carries its reader's name
    return response


@require_POST
def confirm_read(request, pk):
    issue = readable_issue(request, pk)
    _confirmation, created = ReadConfirmation.objects.get_or_create(
        issue=issue, reader=request.user
    )
    if created:
        messages.success(request, _("Thank you: your reading of this issue is recorded."))
    return redirect(issue)
