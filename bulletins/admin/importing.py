"""The admin page “Nhập tài liệu”: upload a file, check the recognised structure, confirm.

Entry point: ``import_view(request, model_admin)``, wired by IssueAdmin.get_urls() as
``admin:bulletins_issue_import``; ``import_report(issue)`` lists on the issue page the
warnings the import kept on the draft. Between the two steps the upload waits in
``pending_uploads``, and the confirmation re-reads it, so nothing the browser sends back but
its fingerprint decides what is imported.
"""

import hashlib
import re
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins import policy as rules
from bulletins.importing import BulletinImportError, import_bulletin, read_bytes
from bulletins.importing.writer import check_import, issue_period, render_body
from bulletins.models import Issue
from bulletins.numbering import number_outline
from bulletins.policy import policy
from documents.citations import extract_citations
from people.models import Organisation

from . import pending_uploads as pending
from .pages import admin_page

MAX_UPLOAD_SIZE = 10 * 1024 * 1024
EXTENSIONS = (".docx", ".pdf", ".md", ".txt", ".doc")  # .doc: to say how to convert it
TEMPLATE = "admin/bulletins/issue/import.html"


class _ImportOptions(forms.Form):
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

    def check(self, content, filename):
        """Parse the file and refuse what the import would refuse, writing nothing."""
        data = self.cleaned_data
        try:
            self.bulletin = read_bytes(content, filename)
            # The month written in the file wins: the form's is only for files without one.
            header = self.bulletin.header
            self.month, self.year = issue_period(
                self.bulletin,
                None if header.month else data["month"],
                None if header.year else data["year"],
            )
            check_import(
                data["publisher"],
                self.year,
                self.month,
                self.bulletin.source_hash,
                replace=data["replace"],
            )
        except BulletinImportError as error:
            raise forms.ValidationError(str(error)) from error


class UploadForm(_ImportOptions):
    file = forms.FileField(
        label=_("Bulletin file"),
        help_text=_(
            "Word (.docx), PDF with text (.pdf), Markdown (.md) or text (.txt), at most 10 MB."
        ),
    )
    field_order = ["file", "publisher", "month", "year", "replace"]

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

    def clean(self):
        data = super().clean()
        if not self.errors:
            upload = data["file"]
            self.content = upload.read()
            self.check(self.content, upload.name)
            self.token = pending.keep(self.content, upload.name)
        return data


class ConfirmForm(_ImportOptions):
    token = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    filename = forms.CharField(max_length=255, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("publisher", "month", "year", "replace"):
            self.fields[name].widget = forms.HiddenInput()

    def clean_filename(self):
        name = Path(self.cleaned_data["filename"]).name
        if Path(name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Unsupported file type."))
        return name

    def clean(self):
        try:
            data = super().clean()
            if not self.errors:
                self.content = pending.read(data["token"], data["filename"])
                self.check(self.content, data["filename"])
            return data
        except forms.ValidationError:
            self.forget()  # a pending file that fails is never kept to block a new upload
            raise

    def forget(self):
        token, filename = self.data.get("token", ""), self.data.get("filename", "")
        if re.fullmatch(r"[0-9a-f]{64}", token) and Path(filename).suffix.lower() in EXTENSIONS:
            pending.forget(token, Path(filename).name)

    def save(self, user):
        try:
            return import_bulletin(
                self.bulletin,
                publisher=self.cleaned_data["publisher"],
                month=self.month,
                year=self.year,
                replace=self.cleaned_data["replace"],
                created_by=user,
            )
        finally:
            self.forget()


def import_view(request, model_admin):
    """Step 1: upload and preview; step 2 (the form carries a token): import and redirect."""
    if not request.user.has_perm("bulletins.add_issue"):
        raise PermissionDenied
    publishers = policy.publishers_for(request.user)
    form, confirm, preview = UploadForm(publishers=publishers), None, None
    if request.method == "POST" and "token" in request.POST:
        confirm = ConfirmForm(request.POST, publishers=publishers)
        try:
            issue = confirm.save(request.user) if confirm.is_valid() else None
        except BulletinImportError as error:  # another editor imported it meanwhile
            confirm.add_error(None, str(error))
            issue = None
        if issue is not None:
            messages.success(
                request,
                gettext(
                    "The draft issue “%(issue)s” was created from the file: "
                    "check it before publishing."
                )
                % {"issue": issue},
            )
            return redirect("admin:bulletins_issue_change", issue.pk)
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES, publishers=publishers)
        if form.is_valid():
            preview = _preview(form)
            confirm = ConfirmForm(
                publishers=publishers,
                initial={
                    **{name: form.cleaned_data[name] for name in ("publisher", "replace")},
                    "month": form.month,
                    "year": form.year,
                    "token": form.token,
                    "filename": Path(form.cleaned_data["file"].name).name,
                },
            )
    return admin_page(
        model_admin,
        request,
        TEMPLATE,
        gettext("Import a bulletin"),
        form=form,
        confirm=confirm,
        preview=preview,
        max_size_mb=MAX_UPLOAD_SIZE // (1024 * 1024),
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


def _preview(form):
    """What the editor checks before confirming: header, orientation, outline, counts."""
    bulletin = form.bulletin
    sections = bulletin.sections
    numbers = number_outline([section.level for section in sections])
    codes = set()
    for section in sections:
        codes.update(
            c.code for c in extract_citations(f"{section.heading}\n{render_body(section.body)}")
        )
    return {
        "bulletin": bulletin,
        "month": form.month,
        "year": form.year,
        "publisher": form.cleaned_data["publisher"],
        "outline": [
            {"section": section, "number": number, "indent": "\u2003" * (section.level - 1)}
            for section, number in zip(sections, numbers, strict=True)
        ],
        "codes": sorted(codes),
        "images": len(bulletin.images),
        "warnings": bulletin.warnings,
        "unplaced": bulletin.unplaced,
    }
