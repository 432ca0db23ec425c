"""`manage.py demo_hotline --years 20`: generate demo contacts shaped like the line's public figures."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core.models import Organisation
from hotline import demo
from hotline.models import CaseHandover, Contact, MissingChildReport


class Command(BaseCommand):
    help = (
        "Generate demo contacts on the SOS and 116 000 lines for an organisation: about 1,750 a "
        "year (35,000 in 20 years, seed-facts.yaml), non-data contacts, follow-ups, a few "
        "missing-child reports, online reports and hand-overs. Caller names, phones, e-mails and "
        "notes are encrypted as usual. The run writes ONE audit entry ('demo contacts "
        "generated: N'), not one per contact."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--years", type=int, default=demo.DEFAULT_YEARS)
        parser.add_argument("--organisation", default=demo.ORGANISATION, help="its slug")
        parser.add_argument(
            "--seed", type=int, default=demo.DEFAULT_SEED, help="the same seed, the same data"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the organisation's contacts (and their reports and hand-overs) first",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["years"]
        if not 1 <= years <= 50:
            raise CommandError("--years must be between 1 and 50.")
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"No organisation {options['organisation']!r} (manage.py seed_demo creates demo-ngo)."
            )
        existing = Contact.objects.filter(organisation=organisation)
        if existing.exists() and not options["replace"]:
            raise CommandError(
                f"{organisation.slug} has {existing.count()} contacts already; "
                "--replace deletes them first."
            )
        with transaction.atomic():
            if options["replace"]:
                # Reports and hand-overs protect their contact; the audit log keeps its entries.
                MissingChildReport.objects.filter(organisation=organisation).delete()
                CaseHandover.objects.filter(organisation=organisation).delete()
                existing.delete()
            Organisation.objects.filter(pk=organisation.pk).update(accepts_online_reports=True)
            summary = demo.generate(organisation, years=years, seed=options["seed"])
        self.stdout.write(f"Demo contacts for {organisation.name}:")
        for line in summary.lines():
            self.stdout.write(line)
