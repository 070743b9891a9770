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
        from django.db import connections
        from django.db.backends.signals import connection_created

        from . import replay, tasks, text  # noqa: F401  (PDF pre-rendering; fresh cached texts)

        # Every write the site commits moves the versions replayed pages are checked against.
        connection_created.connect(replay.install)
        for connection in connections.all(initialized_only=True):
            replay.install(connection)
