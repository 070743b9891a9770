"""What happened to an issue, for the apps above bulletins (notices) that act on it.

Both signals are sent once the step's transaction commits, never for a step rolled back, so a
receiver may queue e-mail or enqueue tasks; bulletins never imports its receivers.
"""

from django.db import transaction
from django.dispatch import Signal

# A workflow step was taken: issue, transition (its name in workflow.TRANSITIONS), actor
# (None for the system), comment.
transitioned = Signal()

# An approver corrected an issue readers may have seen (admin edit, revert or recovery with a
# reason): issue, actor, note.
corrected = Signal()


def send_on_commit(signal, issue, **kwargs):
    """Send the signal after the current transaction commits (at once outside one).

    robust: a failing receiver is logged and never undoes, or reports as failed, the step
    that was already committed.
    """
    transaction.on_commit(
        lambda: signal.send_robust(sender=type(issue), issue=issue, **kwargs), robust=True
    )
