"""Read a rendered page as a person sees it: parsed, with its text folded to single spaces."""

import re

from bs4 import BeautifulSoup, Tag


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node: Tag | None) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip() if node is not None else ""


def texts(page: BeautifulSoup, selector: str) -> list[str]:
    return [text_of(node) for node in page.select(selector)]
