from pathlib import Path

import pytest

from tests.esco import files as esco_files
from tests.esco import real as esco_real


@pytest.fixture
def real_rows(tmp_path) -> Path:
    """A folder of ESCO files holding the real rows (tests/esco/real.py), ready to import."""
    return esco_files.write(tmp_path / "real", esco_real.real_rows(), "1.1")
