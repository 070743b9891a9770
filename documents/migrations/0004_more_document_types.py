from django.db import migrations

# State types the citation engine recognises by their type word (their codes carry none).
DOCUMENT_TYPES = [("Luật", "L"), ("Pháp lệnh", "PL")]


def type_loader(document_types):
    """The forward and backward functions of a migration adding these (name, abbreviation)."""

    def add_types(apps, schema_editor):
        DocumentType = apps.get_model("documents", "DocumentType")
        for name, abbreviation in document_types:
            DocumentType.objects.update_or_create(
                name=name, defaults={"abbreviation": abbreviation}
            )

    def remove_types(apps, schema_editor):
        DocumentType = apps.get_model("documents", "DocumentType")
        DocumentType.objects.filter(name__in=[name for name, _ in document_types]).delete()

    return add_types, remove_types


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_citations")]

    operations = [migrations.RunPython(*type_loader(DOCUMENT_TYPES))]
