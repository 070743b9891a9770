"""A ceiling on how long one background task may run, wherever it runs.

django-tasks-db's worker runs each task in its main thread: an alarm signal interrupts a
runaway task there, even inside a blocking call. The immediate backend (TASKS_BACKEND=immediate)
runs a task inside the request, which under the development server is a thread of its own where
signals cannot be used: there a timer raises the same exception in that thread, at its next
Python instruction (a single call into C, such as one query, finishes first). Either way the task
is recorded as failed with a clear error.
"""

import contextlib
import ctypes
import signal
import threading

from django.db import connections


class TimeLimitExceeded(Exception):
    def __init__(self, message="stopped after the time limit"):
        super().__init__(message)


@contextlib.contextmanager
def time_limit(seconds):
    in_main = threading.current_thread() is threading.main_thread()
    limit = _alarm if in_main and hasattr(signal, "SIGALRM") else _timer
    try:
        with limit(seconds):
            yield
    except TimeLimitExceeded as error:
        # The limit may have cut a database query short, leaving its connection mid-protocol:
        # drop the connections no transaction is using, the next query opens a fresh one. One
        # inside a transaction (a task run in a request) is rolled back by its owner.
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:
                connection.close()
        raise TimeLimitExceeded(f"stopped after the time limit of {seconds} s") from error


@contextlib.contextmanager
def _alarm(seconds):
    def expire(signum, frame):
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _timer(seconds):
    """Raise TimeLimitExceeded in this thread after ``seconds``, unless it left the block."""
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire():
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(thread_id, TimeLimitExceeded)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                _raise_in(thread_id, None)  # an exception not yet delivered is withdrawn


def _raise_in(thread_id, exception):
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )
