"""Ceilings on how long one background task may run and how much memory it may take.

django-tasks-db's worker runs each task in its main thread: an alarm signal interrupts a
runaway task there, even inside a blocking call. The immediate backend (TASKS_BACKEND=immediate)
runs a task inside the request, which under the development server is a thread of its own where
signals cannot be used: there a timer raises the same exception in that thread, at its next
Python instruction (a single call into C, such as one query, finishes first). Either way the task
is recorded as failed with a clear error.

Memory is bounded by the worker process's address space (RLIMIT_AS), raised for the task's
duration to what the process already holds plus the task's allowance: an allocation beyond it
fails with MemoryError, and the worker goes on with the next task. The limit is the process's,
so it is only set where the task has the process to itself: in the worker's main thread, not in
a request thread of the immediate backend (development only).
"""

import contextlib
import ctypes
import os
import signal
import threading

from django.conf import settings
from django.db import connections

try:
    import resource
except ImportError:  # not on every platform; the time limit still holds there
    resource = None


class TimeLimitExceeded(Exception):
    def __init__(self, message="stopped after the time limit"):
        super().__init__(message)


class MemoryLimitExceeded(MemoryError):
    def __init__(self, message="stopped at the memory limit"):
        super().__init__(message)


@contextlib.contextmanager
def task_limits(seconds):
    """The limits every background task runs under: its own time, the shared memory allowance
    (TASK_MEMORY_LIMIT_MB)."""
    with time_limit(seconds), memory_limit(settings.TASK_MEMORY_LIMIT_MB):
        yield


@contextlib.contextmanager
def memory_limit(megabytes):
    in_main = threading.current_thread() is threading.main_thread()
    held = _address_space()
    if not (in_main and megabytes and held):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = held + int(megabytes * 1024 * 1024)
    for limit in (soft, hard):
        if limit != resource.RLIM_INFINITY:
            ceiling = min(ceiling, limit)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    except MemoryError as error:
        # Whatever the task held is released by now (its frames are gone): lift the ceiling
        # before anything else allocates, then say which limit stopped it.
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        _drop_idle_connections()
        raise MemoryLimitExceeded(f"stopped at the memory limit of {megabytes} MB") from error
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _drop_idle_connections():
    """A limit may have cut a database query short, leaving its connection mid-protocol: drop
    the connections no transaction is using, the next query opens a fresh one. One inside a
    transaction (a task run in a request) is rolled back by its owner."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def _address_space():
    """The process's virtual memory in bytes, or None where it cannot be read (not Linux)."""
    if resource is None:
        return None
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def time_limit(seconds):
    in_main = threading.current_thread() is threading.main_thread()
    limit = _alarm if in_main and hasattr(signal, "SIGALRM") else _timer
    try:
        with limit(seconds):
            yield
    except TimeLimitExceeded as error:
        _drop_idle_connections()
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
