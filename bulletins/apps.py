from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "bulletins"
    verbose_name = _("Bulletins")

    def ready(self):
        from auditlog.registry import auditlog

        from people.reorganisation import reorganising

        from . import search  # noqa: F401 (its receivers retire the cached search scopes)
        from .reorganisation import move_unpublished

        reorganising.connect(move_unpublished, dispatch_uid="bulletins.move_unpublished")

        # Who changed an issue's audience, and who opened which internal issue (access
        # entries are sent by the portal's issue view).
        auditlog.register(self.get_model("Issue"), m2m_fields={"audience_organisations"})
