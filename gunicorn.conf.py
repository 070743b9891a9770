"""Gunicorn settings, read from the working directory by `gunicorn config.wsgi`.

Sync workers: each request holds one worker, so slow work (PDFs, imports) goes to the task
worker and the timeout stays short. Workers are replaced after a number of requests (with
jitter, so they do not all restart at once): WeasyPrint leaves memory behind per PDF.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "500"))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a container's overlay disk.
SHM = "/dev/shm"  # noqa: S108  (gunicorn docs: a tmpfs for the worker heartbeat)
worker_tmp_dir = SHM if os.path.isdir(SHM) else None
# Access log on stdout with the request id the application sets; errors on stderr.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
