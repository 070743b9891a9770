"""A cell's feedback after its meeting: the form for one issue, and the cell's own list.

Issues come from ``Issue.objects.visible_to`` only, cells from the secretary's own (see
``feedback.scope``); another cell's record is never found, so it can be neither read nor
written.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from feedback import scope
from feedback.forms import FeedbackForm
from feedback.models import Feedback
from feedback.recording import Stale, record

CELL_PARAMETER = "chi-bo"


def secretary_cells(request):
    cells = list(scope.cells_for(request.user))
    if not cells:
        raise PermissionDenied(_("Only the secretary of a party cell records its feedback."))
    return cells


def chosen_cell(request, cells):
    """The cell named in the request, among the secretary's own; her first by default."""
    wanted = request.POST.get(CELL_PARAMETER) or request.GET.get(CELL_PARAMETER)
    if wanted is None:
        return cells[0]
    for cell in cells:
        if str(cell.pk) == wanted:
            return cell
    raise Http404


def feedback_form(request, pk):
    cells = secretary_cells(request)
    issue = get_object_or_404(scope.issues_for(request.user), pk=pk)
    cell = chosen_cell(request, cells)
    stored = Feedback.objects.filter(issue=issue, cell=cell).first()
    sections = scope.sections_to_rate(issue, request.user, cell)
    form = FeedbackForm(request.POST or None, instance=stored, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            record(form, issue, cell, request.user)
        except Stale as error:
            form.stale(error.current)
            form.add_error(None, error)
            stored = error.current
        else:
            messages.success(request, _("Thank you: the feedback of your cell is recorded."))
            url = reverse("feedback:form", args=[issue.pk])
            return redirect(f"{url}?{CELL_PARAMETER}={cell.pk}")
    return render(
        request,
        "portal/feedback_form.html",
        {
            "issue": issue,
            "cell": cell,
            "cells": cells,
            "cell_parameter": CELL_PARAMETER,
            "form": form,
            "stored": stored,
        },
    )


def feedback_list(request):
    """What the secretary's cells reported, with the board's answers, newest issue first."""
    cells = secretary_cells(request)
    feedback = (
        Feedback.objects.filter(cell__in=cells, issue__in=scope.issues_for(request.user))
        .select_related("issue", "cell")
        .order_by("-issue__year", "-issue__month", "cell__name", "pk")
    )
    return render(
        request,
        "portal/feedback_list.html",
        {"feedback": feedback, "cells": cells, "cell_parameter": CELL_PARAMETER},
    )
