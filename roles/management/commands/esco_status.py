from django.core.management.base import BaseCommand

from roles.models import Origin, Role


class Command(BaseCommand):
    help = "Say how many ESCO occupations are imported, and how to import them when none is (make run and make dev call it)."

    def handle(self, *args, **options):
        imported = Role.objects.exclude(origin=Origin.WRITTEN).count()
        if imported:
            self.stdout.write(f"ESCO: {imported} occupations imported.")
        else:
            self.stdout.write(
                "ESCO is not imported: search finds only the team's roles. `make esco` imports ESCO's downloads from "
                "../shared/ when they are there, or from the folders and archives named by ESCO='…'."
            )
