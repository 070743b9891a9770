from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the site: health checks, logging, background-task plumbing, backup and restore."""

    name = "operations"
    verbose_name = _("Operations")
