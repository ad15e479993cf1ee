"""What the API's answers share: lists by pages with links to the next and previous ones, absolute addresses."""

from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Schema
from ninja.pagination import PageNumberPagination
from pydantic import Field

MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100

# A full address (scheme and host included), typed as such in the document.
Url = Annotated[str, Field(json_schema_extra={"format": "uri"})]


def absolute_url(context: dict | None, path: str) -> str:
    """A path of the site as a full address, with the scheme and host the request came by (a resolver's `context`
    holds the request)."""
    request = (context or {}).get("request")
    return request.build_absolute_uri(path) if request else path


class LinkedPages(PageNumberPagination):
    """Page numbers with an upper bound (a number past any catalogue is refused, not sent to the database), and
    each page says its size and where the next and previous ones are, as full addresses."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description=gettext_noop("éléments par page"))

    class Output(Schema):
        items: list[Any]
        count: int = Field(description=gettext_noop("éléments dans toutes les pages"))
        page: int = Field(description=gettext_noop("le numéro de cette page, à partir de 1"))
        page_size: int = Field(description=gettext_noop("éléments par page (la dernière peut en contenir moins)"))
        next: Url | None = Field(description=gettext_noop("l’adresse complète de la page suivante ; null sur la dernière page"))
        previous: Url | None = Field(description=gettext_noop("l’adresse complète de la page précédente ; null sur la première"))

    def __init__(self, *, page_size: int = 30, **kwargs: Any) -> None:
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any) -> Any:
        page, page_size = pagination.page, self._get_page_size(pagination.page_size)
        count = self._items_count(queryset)
        offset = (page - 1) * page_size
        return {
            "items": queryset[offset : offset + page_size],
            "count": count,
            "page": page,
            "page_size": page_size,
            "next": page_address(request, page + 1) if offset + page_size < count else None,
            "previous": page_address(request, min(page - 1, last_page(count, page_size))) if page > 1 else None,
        }


def last_page(count: int, page_size: int) -> int:
    return max(1, -(-count // page_size))


def page_address(request: HttpRequest, page: int) -> str:
    """This request's address with another page number, every other parameter kept."""
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
