"""The reading portal. Every query starts from Issue.objects.visible_to(user)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from documents.models import Citation

from .models import Footnote, Issue, Section


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


def issue_detail(request, pk):
    issue = get_object_or_404(
        Issue.objects.visible_to(request.user).select_related("publisher"), pk=pk
    )
    sections = issue.sections.prefetch_related(
        Prefetch("footnotes", queryset=Footnote.objects.order_by("position", "pk")),
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("document__document_type", "document__issuer"),
        ),
    )
    orientation = [section for section in sections if section.level == 1]
    return render(
        request,
        "bulletins/issue_detail.html",
        {"issue": issue, "sections": sections, "orientation": orientation},
    )
