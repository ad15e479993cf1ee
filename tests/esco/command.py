from io import StringIO
from pathlib import Path

from django.core.management import call_command


def import_esco(directory: Path, *args: str) -> str:
    """Run the import_esco command on `directory`, without its progress bar; returns what it prints."""
    out = StringIO()
    call_command("import_esco", str(directory), "--no-progress", *args, stdout=out)
    return out.getvalue()
