"""What an issue may carry as a file: PDF and Word documents, checked by content and size."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def validate_attachment(upload):
    """The name is not enough: a renamed executable must not pass as a PDF."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."), code="too_large")
    name = upload.name.lower()
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if name.endswith(".pdf") and head.startswith(b"%PDF-"):
        return
    if name.endswith(".docx") and zipfile.is_zipfile(upload):
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            if "word/document.xml" in archive.namelist():
                upload.seek(0)
                return
    raise ValidationError(
        _("Attach a PDF (.pdf) or Word (.docx) file; this file is neither."), code="file_type"
    )
