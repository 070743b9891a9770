"""Editorial work run by the task worker (django.tasks, `manage.py db_worker`)."""

from django.conf import settings
from django.tasks import task

from operations.limits import task_limits

from . import import_jobs, workflow


@task()
def publish_due_issues():
    """The scheduled publication, for a worker-driven schedule instead of cron."""
    with task_limits(settings.TASK_TIME_LIMIT):
        return {"published": [issue.pk for issue in workflow.publish_due()]}


@task()
def read_import(job_pk):
    """Read an uploaded bulletin for its preview (the admin import page)."""
    return import_jobs.read(job_pk)


@task()
def write_import(job_pk):
    """Write the draft issue of a confirmed import."""
    return import_jobs.write(job_pk)
