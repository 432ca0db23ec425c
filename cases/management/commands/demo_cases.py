"""`manage.py demo_cases [--seed N] [--replace]`: about 500 demo cases shaped like the public figures."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases import demo
from cases.models import Case
from core.models import Organisation


class Command(BaseCommand):
    help = (
        "Generate about 500 demo cases of direct assistance since 2002 (seed-facts.yaml: "
        "exploitation shares, almost half minors, average age of minors near 14.7), about 40% "
        "opened from demo contacts of the SOS line, with identification, exploitation, "
        "traffickers, needs, plans, services, referrals, consents, court and notes. Identities "
        "and free text are encrypted as usual. The run writes ONE audit entry."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", default=demo.ORGANISATION, help="its slug")
        parser.add_argument(
            "--seed", type=int, default=demo.DEFAULT_SEED, help="the same seed, the same data"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the organisation's cases and assisted persons first",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"No organisation {options['organisation']!r} (manage.py seed_demo creates demo-ngo)."
            )
        existing = Case.objects.filter(organisation=organisation).count()
        if existing and not options["replace"]:
            raise CommandError(
                f"{organisation.slug} has {existing} cases already; --replace deletes them first."
            )
        if options["replace"]:
            demo.delete_cases(organisation)
        summary = demo.generate(organisation, seed=options["seed"])
        self.stdout.write(f"Demo cases for {organisation.name}:")
        for line in summary.lines():
            self.stdout.write(line)
