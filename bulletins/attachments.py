"""What an issue may carry as a file: PDF and Word documents, checked by content and size."""

from django.utils.translation import gettext_lazy as _

from documents.files import DOCX, PDF, validate_upload


def validate_attachment(upload):
    """The name is not enough: a renamed executable or page must not pass as a PDF."""
    validate_upload(
        upload, {PDF, DOCX}, _("Attach a PDF (.pdf) or Word (.docx) file; this file is neither.")
    )
