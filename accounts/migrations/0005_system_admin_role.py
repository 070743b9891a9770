from django.db import migrations


class Migration(migrations.Migration):
    """Once created the system administrators' role; accounts.roles now does that."""

    dependencies = [("accounts", "0004_user_phone_must_change_password")]

    operations = []
