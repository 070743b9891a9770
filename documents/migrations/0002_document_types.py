from django.db import migrations

# Vietnamese names and abbreviations of the document types (../shared/DOMAIN.md), plus the
# state types that bulletins cite most often.
DOCUMENT_TYPES = [
    ("Nghị quyết", "NQ"),
    ("Chỉ thị", "CT"),
    ("Kết luận", "KL"),
    ("Quy định", "QĐ"),
    ("Quyết định", "QĐ"),
    ("Kế hoạch", "KH"),
    ("Đề án", "ĐA"),
    ("Chương trình", "CTr"),
    ("Hướng dẫn", "HD"),
    ("Công văn", "CV"),
    ("Thông báo", "TB"),
    ("Báo cáo", "BC"),
    ("Quy chế", "QC"),
    ("Nghị định", "NĐ"),
    ("Thông tư", "TT"),
]


def add_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for name, abbreviation in DOCUMENT_TYPES:
        DocumentType.objects.update_or_create(name=name, defaults={"abbreviation": abbreviation})


def remove_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(name__in=[name for name, _ in DOCUMENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(add_types, remove_types)]
