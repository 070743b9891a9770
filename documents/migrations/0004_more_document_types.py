from django.db import migrations

# State types the citation engine recognises by their type word (their codes carry none).
DOCUMENT_TYPES = [("Luật", "L"), ("Pháp lệnh", "PL")]


def add_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for name, abbreviation in DOCUMENT_TYPES:
        DocumentType.objects.update_or_create(name=name, defaults={"abbreviation": abbreviation})


def remove_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(name__in=[name for name, _ in DOCUMENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_citations")]

    operations = [migrations.RunPython(add_types, remove_types)]
