from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth.models import Group

        from bulletins.models import Issue

        # The audit log: who changed accounts, roles and permissions, and who opened which
        # internal issue (access entries are sent by the issue view).
        auditlog.register(
            self.get_model("User"),
            exclude_fields=["password", "last_login"],
            m2m_fields={"groups", "user_permissions", "organisations"},
        )
        auditlog.register(Group, m2m_fields={"permissions"})
        auditlog.register(Issue, m2m_fields={"audience_organisations"})
