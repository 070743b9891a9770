"""A ceiling on how long one background task may run.

django-tasks-db's worker runs each task in its main thread, so an alarm signal can interrupt a
runaway render there and the task is recorded as failed with a clear error. Elsewhere (a task
run inside a request thread by the immediate backend) signals cannot be used and the limit is
not enforced: that backend is only for setups without a worker.
"""

import contextlib
import signal
import threading

from django.db import connections


class TimeLimitExceeded(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds):
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded(f"stopped after the time limit of {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TimeLimitExceeded:
        # The alarm may have cut a database query short, leaving its connection mid-protocol:
        # drop the connections, the next query (recording the failure) opens a fresh one.
        connections.close_all()
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
