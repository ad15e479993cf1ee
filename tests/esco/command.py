from io import StringIO
from pathlib import Path

from django.core.management import call_command


def import_esco(*sources_and_options: Path | str) -> str:
    """Run the import_esco command on ESCO's files (folders or archives), without its progress bar; returns what
    it prints."""
    out = StringIO()
    call_command("import_esco", *map(str, sources_and_options), "--no-progress", stdout=out)
    return out.getvalue()
