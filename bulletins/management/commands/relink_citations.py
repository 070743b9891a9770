"""Recompute every citation link, e.g. after editors added or merged registry entries."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bulletins.models import Section
from documents.models import Document


class Command(BaseCommand):
    help = _(
        "Recompute the links from every section and registry document to the documents "
        "they cite. Safe to run again."
    )

    def handle(self, *args, **options):
        citations = 0
        sections = Section.objects.select_related("issue").order_by("pk")
        for section in sections.iterator(chunk_size=200):
            citations += len(section.link_citations())
        documents = Document.objects.exclude(full_text="").order_by("pk")
        for document in documents.iterator(chunk_size=200):
            citations += len(document.link_citations())
        unverified = Document.objects.filter(verified=False).count()
        self.stdout.write(
            _("%(citations)d citations linked; %(unverified)d unverified registry entries.")
            % {"citations": citations, "unverified": unverified}
        )
