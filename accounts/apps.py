from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth.models import Group

        from people.reorganisation import reorganising

        from .reorganisation import move_members
        from .roles import apply_roles

        # After the last app has migrated, so that every model's permissions exist.
        post_migrate.connect(apply_roles, sender=self, dispatch_uid="accounts.apply_roles")
        reorganising.connect(move_members, dispatch_uid="accounts.move_members")

        # The audit log: who changed accounts, roles and permissions.
        auditlog.register(
            self.get_model("User"),
            exclude_fields=["password", "last_login"],
            m2m_fields={"groups", "user_permissions", "organisations"},
        )
        auditlog.register(Group, m2m_fields={"permissions"})

        from .library_names import name_library_texts

        name_library_texts()
