FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# Pango renders the PDF downloads (WeasyPrint); postgresql-client for manage.py backup/restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
RUN pybabel --quiet compile --domain "django djangojs" --directory locale \
    && useradd --system --home /app tailieu \
    && mkdir -p /app/var/media /app/var/backups && chown -R tailieu /app/var

USER tailieu
EXPOSE 8000
# Timeout, worker count and recycling: gunicorn.conf.py. The worker service runs db_worker.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py collectstatic --noinput && exec gunicorn config.wsgi"]
