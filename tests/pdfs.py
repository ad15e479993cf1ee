"""Reading a PDF the site made, as the tests check it."""

import io
import re

from pypdf import PdfReader


def read(pdf: bytes) -> tuple[PdfReader, str]:
    """The PDF and its text, folded to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"\s+", " ", text)
