"""Reader-facing work taken off the request path and run by the task worker (django.tasks,
`manage.py db_worker`): a request only enqueues; the worker runs each task with time and memory
limits and stores a short result (admin: background task results)."""

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.tasks import task

from bulletins import audience
from bulletins.models import Issue, Section
from operations.limits import task_limits

from . import pdf

# States in which readers may download the PDF (a scheduled issue, from its time on).
READABLE = {Issue.Status.PUBLISHED, Issue.Status.SCHEDULED}
# Saves of these issues change what readers download, or (withdrawn) leave a file to remove.
PDF_STATES = READABLE | {Issue.Status.WITHDRAWN}


@task()
def prerender_issue_pdf(issue_pk):
    """Store the PDFs of the issue's current state (portal.pdf.stored_pdf) ahead of readers,
    one per audience a reader of one cell type gets (bulletins.audience.variants); a
    withdrawn or unpublished issue keeps no file."""
    if not pdf.available():
        return {"issue": issue_pk, "stored": None, "reason": "WeasyPrint cannot load Pango"}
    issue = Issue.objects.filter(pk=issue_pk).first()
    if issue is None or issue.status not in READABLE:
        return {"issue": issue_pk, "stored": None, "removed": pdf.remove_stored(issue_pk)}
    stored, reused = [], []
    with task_limits(settings.PDF_TASK_TIME_LIMIT):
        for cell_types in sorted(audience.variants(issue), key=audience.key):
            path = pdf.stored_path(issue, cell_types)
            (reused if path.is_file() else stored).append(f"{pdf.STORE}/{path.name}")
            pdf.stored_pdf(issue, cell_types)
    return {"issue": issue.pk, "stored": stored, "reused": reused}


def prerender_after_commit(issue_pk):
    """Enqueue one pre-rendering once the transaction commits, however many sections it saved."""
    if any(getattr(call, "issue_pk", None) == issue_pk for _, call, _ in connection.run_on_commit):
        return

    def enqueue():
        prerender_issue_pdf.enqueue(issue_pk)

    enqueue.issue_pk = issue_pk
    transaction.on_commit(enqueue, robust=True)  # a failed enqueue must not fail the save


@receiver(post_save, sender=Issue)
def issue_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.status in PDF_STATES:
        prerender_after_commit(instance.pk)


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
def section_changed(sender, instance, raw=False, **kwargs):
    if not raw and Issue.objects.filter(pk=instance.issue_id, status__in=PDF_STATES).exists():
        prerender_after_commit(instance.issue_id)


@receiver(m2m_changed, sender=Section.cell_types.through)
def section_cell_types_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Section):
        section_changed(sender, instance)
