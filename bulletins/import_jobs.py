"""Imports from the admin page, run off the request path (see bulletins/tasks.py).

The request only stores the upload and starts an ImportJob; the task worker reads the file for
the preview (``read``), and once the editor confirms, writes the draft (``write``). Each step runs
under IMPORT_TASK_TIME_LIMIT and TASK_MEMORY_LIMIT_MB and ends in a state the import page shows:
a preview to confirm, the draft, or a message saying why nothing was imported. Until then the
upload waits under MEDIA_ROOT/imports/ (never served), named by the job's id and checked against
its SHA-256 when read; it is removed when the import ends, whether it succeeded or failed, so the
same file can be imported again at once after a failure.
"""

import contextlib
import hashlib
import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from documents.citations import extract_citations
from operations.limits import MemoryLimitExceeded, TimeLimitExceeded, task_limits

from .importing import BulletinImportError, import_bulletin, read_bytes
from .importing.writer import check_import, issue_period, render_body
from .models import ImportJob
from .numbering import number_outline

logger = logging.getLogger(__name__)

PENDING = "imports"
PENDING_LIFETIME = timedelta(days=1)

STORAGE_ERROR = _(
    "The file could not be stored on the server (the disk may be full): nothing was "
    "imported. Try again later or tell the administrator."
)
GONE = _("The uploaded file is no longer available: upload it again.")
TOO_LONG = _(
    "The import took longer than %(seconds)s seconds and was stopped: nothing was imported. "
    "Split the file or tell the administrator."
)
TOO_BIG = _(
    "The import needed more than %(megabytes)s MB of memory and was stopped: nothing was "
    "imported. Split the file or tell the administrator."
)
CRASHED = _(
    "The import failed because of an error on the server: nothing was imported. Try again "
    "later or tell the administrator."
)


def start(content, filename, *, publisher, user, month=None, year=None, replace=False):
    """Store the upload and queue its reading; a BulletinImportError when it cannot be stored."""
    from .tasks import read_import

    _forget_stale()
    job = ImportJob(
        publisher=publisher,
        created_by=user,
        filename=Path(filename).name,
        source_hash=hashlib.sha256(content).hexdigest(),
        month=month,
        year=year,
        replace=replace,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    _keep(job, content)
    try:
        with transaction.atomic():
            job.save()
            read_import.enqueue(str(job.pk))
    except BaseException:
        default_storage.delete(pending_name(job))
        raise
    return job


def confirm(job):
    """Queue the writing of a previewed import, once: False when it is not waiting for it."""
    from .tasks import write_import

    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != ImportJob.Status.READY:
            return False
        locked.status = ImportJob.Status.IMPORTING
        locked.save(update_fields=["status", "updated_at"])
        write_import.enqueue(str(job.pk))
    return True


def read(job_pk):
    """The preview: parse the file and check what the import would refuse, writing no issue."""
    job = _claim(job_pk, ImportJob.Status.READING)
    if job is None:
        return {"job": str(job_pk), "status": "skipped"}
    with _step(job):
        bulletin = _parse(job)
        header = bulletin.header  # the month printed in the file wins over the form's
        job.month, job.year = issue_period(
            bulletin, None if header.month else job.month, None if header.year else job.year
        )
        check_import(job.publisher, job.year, job.month, job.source_hash, replace=job.replace)
        job.preview = preview(bulletin, job)
        job.status = ImportJob.Status.READY
        job.save()
    return {"job": str(job_pk), "status": job.status}


def write(job_pk):
    """Write the draft issue from the file the editor confirmed."""
    job = _claim(job_pk, ImportJob.Status.IMPORTING)
    if job is None:
        return {"job": str(job_pk), "status": "skipped"}
    with _step(job):
        try:
            job.issue = import_bulletin(
                _parse(job),
                publisher=job.publisher,
                month=job.month,
                year=job.year,
                replace=job.replace,
                created_by=job.created_by,
            )
        finally:
            default_storage.delete(pending_name(job))
        job.status = ImportJob.Status.DONE
        job.save()
    return {"job": str(job_pk), "status": job.status, "issue": job.issue_id}


def _claim(job_pk, status):
    """The job when it is in the state this step runs from: a repeated task does nothing."""
    jobs = ImportJob.objects.select_related("publisher", "created_by")
    return jobs.filter(pk=job_pk, status=status).first()


@contextlib.contextmanager
def _step(job):
    """One step, in the editor's language and under the task limits; whatever stops it is kept
    on the job as a message for the editor, and the pending upload is removed. A refusal is the
    step's result; a crash or the time limit also fails the task (its result records why)."""
    with translation.override(job.language):
        try:
            with task_limits(settings.IMPORT_TASK_TIME_LIMIT):
                yield
        except BulletinImportError as error:
            _fail(job, str(error))
        except TimeLimitExceeded:
            _fail(job, str(TOO_LONG % {"seconds": settings.IMPORT_TASK_TIME_LIMIT}))
            raise
        except MemoryLimitExceeded:
            _fail(job, str(TOO_BIG % {"megabytes": settings.TASK_MEMORY_LIMIT_MB}))
            raise
        except Exception:
            _fail(job, str(CRASHED))
            raise


def _fail(job, message):
    logger.info("Import %s of %s not done: %s", job.pk, job.filename, message)
    default_storage.delete(pending_name(job))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED, error=message, updated_at=timezone.now()
    )
    job.refresh_from_db()


def _parse(job):
    content = stored(job)
    if content is None:
        raise BulletinImportError(GONE)
    return read_bytes(content, job.filename)


def preview(bulletin, job):
    """What the editor checks before confirming (header, orientation, outline, counts), as
    JSON kept on the job until the confirmation."""
    sections = bulletin.sections
    codes = set()
    for section in sections:
        text = f"{section.heading}\n{render_body(section.body)}"
        codes.update(citation.code for citation in extract_citations(text))
    numbers = number_outline([section.level for section in sections])
    return {
        "header": {
            name: getattr(bulletin.header, name) for name in ("publisher", "title", "marking")
        },
        "publisher": str(job.publisher),
        "footnotes": len(bulletin.footnotes),
        "captions": len(bulletin.captions),
        "images": len(bulletin.images),
        "codes": sorted(codes),
        "orientation": [{"number": i.number, "text": i.text} for i in bulletin.orientation],
        "outline": [
            {
                "number": number,
                "printed": section.number,
                "heading": section.heading,
                "implicit": section.implicit,
                "indent": "\u2003" * (section.level - 1),
                "cited_code": section.cited_code,
            }
            for section, number in zip(sections, numbers, strict=True)
        ],
        "warnings": [{"kind": w.kind, "text": w.text} for w in bulletin.warnings],
        "unplaced": [{"text": u.text, "reason": str(u.reason)} for u in bulletin.unplaced],
    }


def pending_name(job):
    return f"{PENDING}/{job.pk}{Path(job.filename).suffix.lower()}"


def stored(job):
    """The pending upload's content when it is there whole, else None."""
    try:
        with default_storage.open(pending_name(job), "rb") as file:
            content = file.read()
    except OSError:
        return None
    return content if hashlib.sha256(content).hexdigest() == job.source_hash else None


def _keep(job, content):
    """Store the upload; a failed write (a full disk) leaves nothing behind."""
    name = pending_name(job)
    try:
        saved = default_storage.save(name, ContentFile(content))
    except OSError as error:
        default_storage.delete(name)
        raise BulletinImportError(STORAGE_ERROR) from error
    if saved != name or stored(job) is None:
        default_storage.delete(saved)
        raise BulletinImportError(STORAGE_ERROR)


def _forget_stale():
    """Uploads never confirmed are removed after a day."""
    try:
        _, names = default_storage.listdir(PENDING)
    except FileNotFoundError:
        return
    limit = timezone.now() - PENDING_LIFETIME
    for name in names:
        path = f"{PENDING}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
