from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Organisations, people and events")

    def ready(self):
        from .search import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="tailieu_fold")
