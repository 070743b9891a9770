from django.db import migrations


class Migration(migrations.Migration):
    """Once granted a permission; accounts.roles now owns every role's permissions."""

    dependencies = [("accounts", "0002_roles")]

    operations = []
