from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The reading portal: every page, file and PDF a reader sees.

    It sits on top of the domain apps (bulletins, documents, people, accounts), which never
    import from it.
    """

    name = "portal"
    verbose_name = _("Reading portal")

    def ready(self):
        from . import tasks, text  # noqa: F401  (PDF pre-rendering; fresh cached texts)
