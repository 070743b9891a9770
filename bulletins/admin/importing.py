"""The admin page “Nhập tài liệu”: upload a file, follow its reading, check the recognised
structure, confirm, follow the writing of the draft.

Entry points: ``import_view(request, model_admin)`` (the upload, ``admin:bulletins_issue_import``)
and ``import_status_view(request, model_admin, pk)`` (one import, ``…_import_status``), wired by
IssueAdmin.get_urls(); ``import_report(issue)`` lists on the issue page the warnings the import
kept on the draft. The requests only store the upload and enqueue: the task worker reads and
writes (bulletins/import_jobs.py), and the status page reloads itself until there is a result.
Nothing the browser sends back but the job's id decides what is imported.
"""

import hashlib
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins import import_jobs
from bulletins import policy as rules
from bulletins.importing import BulletinImportError
from bulletins.models import ImportJob, Issue
from bulletins.policy import policy
from people.models import Organisation

from .pages import admin_page

MAX_UPLOAD_SIZE = 10 * 1024 * 1024
EXTENSIONS = (".docx", ".pdf", ".md", ".txt", ".doc")
TEMPLATE = "admin/bulletins/issue/import.html"
# Seconds between two reloads of the status page while the worker is busy (a meta refresh:
# no script, so nothing for the Content Security Policy to allow).
REFRESH_SECONDS = 2
RECENT = 10  # imports listed under the upload form, to come back to one


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bulletin file"),
        help_text=_(
            "Word (.docx), PDF with text (.pdf), Markdown (.md) or text (.txt), at most 10 MB."
        ),
    )
    publisher = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Publisher"))
    month = forms.IntegerField(
        label=_("Month"),
        min_value=1,
        max_value=12,
        required=False,
        help_text=_("Only when the file does not say it."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    replace = forms.BooleanField(
        label=_("Replace"),
        required=False,
        help_text=_("Import a file again, or refill the sections of this month's draft issue."),
    )

    def __init__(self, *args, publishers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publisher"].queryset = publishers
        if publishers.count() == 1:
            self.fields["publisher"].initial = publishers.get()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(
                _(
                    "Unsupported file type: use a Word (.docx), PDF (.pdf), Markdown (.md) "
                    "or text (.txt) file."
                )
            )
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    def start(self, user):
        """Store the file and queue its reading; the job, or None with the form's error."""
        data = self.cleaned_data
        try:
            return import_jobs.start(
                data["file"].read(),
                data["file"].name,
                publisher=data["publisher"],
                user=user,
                month=data["month"],
                year=data["year"],
                replace=data["replace"],
            )
        except BulletinImportError as error:
            self.add_error(None, str(error))
            return None


def import_view(request, model_admin):
    """The upload: store the file, queue its reading and follow it on its status page."""
    if not request.user.has_perm("bulletins.add_issue"):
        raise PermissionDenied
    publishers = policy.publishers_for(request.user)
    form = UploadForm(publishers=publishers)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, publishers=publishers)
        job = form.start(request.user) if form.is_valid() else None
        if job is not None:
            return redirect("admin:bulletins_issue_import_status", job.pk)
    return admin_page(
        model_admin,
        request,
        TEMPLATE,
        gettext("Import a bulletin"),
        form=form,
        recent=policy.imports_for(request.user).select_related("created_by")[:RECENT],
        max_size_mb=MAX_UPLOAD_SIZE // (1024 * 1024),
    )


def import_status_view(request, model_admin, pk):
    """One import: progress while the worker runs, then the preview and its confirmation, the
    draft, or why nothing was imported. Only staff who may import for its publisher see it."""
    job = get_object_or_404(policy.imports_for(request.user).select_related("issue"), pk=pk)
    if request.method == "POST":
        if not import_jobs.confirm(job):  # confirmed twice, or not read yet
            messages.warning(request, gettext("This import is not waiting for a confirmation."))
        return redirect("admin:bulletins_issue_import_status", job.pk)
    return admin_page(
        model_admin,
        request,
        "admin/bulletins/issue/import_status.html",
        gettext("Import of %(file)s") % {"file": job.filename},
        job=job,
        preview=job.preview if job.status == ImportJob.Status.READY else None,
        refresh=REFRESH_SECONDS if job.running else None,
    )


def import_report(issue):
    """The warnings kept on a draft since its import, for the issue page, with the link to
    the page where they are ticked off."""
    if not issue.import_warnings:
        return "-"
    return format_html(
        '<ul>{}</ul><p><a href="{}">{}</a></p>',
        format_html_join("", "<li>{}</li>", ((item["message"],) for item in issue.import_warnings)),
        reverse("admin:bulletins_issue_import_warnings", args=[issue.pk]),
        gettext("Tick off the warnings worked through"),
    )


def warning_key(warning):
    """A stable name for a warning, so that two editors ticking it off at once agree."""
    return hashlib.sha256(f"{warning['kind']}\n{warning['message']}".encode()).hexdigest()[:16]


def import_warnings_view(request, model_admin, pk):
    """The warnings an import kept on an issue: the editor ticks off those worked through.

    Only the warnings are written (under a row lock), not the issue's version, so an editor
    working on the issue form at the same time is not refused for it.
    """
    issue = model_admin.allowed_object(request, pk, rules.CHANGE)
    if request.method == "POST":
        done = set(request.POST.getlist("done"))
        with transaction.atomic():
            locked = Issue.objects.select_for_update().get(pk=issue.pk)
            remaining = [w for w in locked.import_warnings if warning_key(w) not in done]
            Issue.objects.filter(pk=issue.pk).update(import_warnings=remaining)
        messages.success(
            request,
            gettext("%(count)s import warnings remain to be checked.") % {"count": len(remaining)},
        )
        return redirect("admin:bulletins_issue_import_warnings", pk=issue.pk)
    return admin_page(
        model_admin,
        request,
        "admin/bulletins/issue/import_warnings.html",
        gettext("Import warnings: %(issue)s") % {"issue": issue},
        issue=issue,
        warnings=[(warning_key(w), w["message"]) for w in issue.import_warnings],
    )
