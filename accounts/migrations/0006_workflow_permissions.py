from django.db import migrations


class Migration(migrations.Migration):
    """Once granted workflow permissions; accounts.roles now owns every role's permissions."""

    dependencies = [("accounts", "0005_system_admin_role")]

    operations = []
