"""Editorial work run by the task worker (django.tasks, `manage.py db_worker`)."""

from django.tasks import task

from . import workflow


@task()
def publish_due_issues():
    """The scheduled publication, for a worker-driven schedule instead of cron."""
    return {"published": [issue.pk for issue in workflow.publish_due()]}
