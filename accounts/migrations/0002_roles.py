from django.db import migrations


class Migration(migrations.Migration):
    """Once created the roles; accounts.roles now does that after every migrate."""

    dependencies = [("accounts", "0001_initial")]

    operations = []
