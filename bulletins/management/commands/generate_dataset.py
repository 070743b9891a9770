"""`python manage.py generate_dataset --sections 100000`: a national-scale dataset for the
search and performance benchmarks (see bulletins/dataset.py). Use a database of its own."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bulletins.dataset import Generator, Sizes, already_generated


class Command(BaseCommand):
    help = _(
        "Generate a large synthetic dataset (publishers, cells, accounts, ten years of issues, "
        "sections with citations, read confirmations) for benchmarks."
    )

    def add_arguments(self, parser):
        # Sizes left out follow from --sections (bulletins/dataset.py, Sizes).
        for name in Sizes.__dataclass_fields__:
            parser.add_argument(f"--{name}", type=int)

    def handle(self, *args, **options):
        sizes = Sizes(
            **{
                name: options[name]
                for name in Sizes.__dataclass_fields__
                if options.get(name) is not None
            }
        )
        if already_generated():
            raise CommandError(
                _("This database already holds a generated dataset: use an empty database.")
            )
        started = time.perf_counter()
        Generator(sizes, report=self.stdout.write).run()
        self.stdout.write(f"done in {time.perf_counter() - started:.0f} s")
