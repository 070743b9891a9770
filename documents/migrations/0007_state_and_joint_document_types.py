import importlib

from django.db import migrations

# Types the citation engine reports for acts of 2025 texts: codes, laws, joint documents.
DOCUMENT_TYPES = [
    ("Bộ luật", "BL"),
    ("Công điện", "CĐ"),
    ("Thông tư liên tịch", "TTLT"),
    ("Hướng dẫn liên tịch", "HDLT"),
    ("Nghị quyết liên tịch", "NQLT"),
]

type_loader = importlib.import_module("documents.migrations.0004_more_document_types").type_loader


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_relation_proposals_and_status")]

    operations = [migrations.RunPython(*type_loader(DOCUMENT_TYPES))]
