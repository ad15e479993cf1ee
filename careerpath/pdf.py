"""One of the site's pages as an accessible PDF, drawn by WeasyPrint.

The PDF is tagged (PDF/UA-1: a structure tree a screen reader follows, marked content), its title
is the page's <title>, shown by viewers in place of the file name, and its language is <html lang>,
the language the request is served in. It is drawn with the print stylesheet (`media_type="print"`),
and static/css/pdf.css on top: one column, which WeasyPrint lays out much faster than Bootstrap's flex rows.

Nothing is fetched over the network: WeasyPrint reads the site's own static files from disk and
is refused every other URL, which it leaves out of the PDF with an error in its log (`weasyprint`).

The pages this serves are personal: wrap their views in `careerpath.decorators.private`, as the result
pages are, so that no browser or proxy keeps a copy.
"""

import mimetypes
import os
from functools import cache
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A resource the PDF may not have: WeasyPrint leaves it out (it raises nothing fatal)."""


class StaticFilesOnly(URLFetcher):
    """Serves the static files of the site at `origin` from disk; refuses every other URL.

    A file is looked for as `runserver` and WhiteNoise would serve it: through the static files
    finders (the files in the source tree), then among the collected files in STATIC_ROOT, where
    production's hashed names (`site.1a2b3c.css`) are. `data:` URLs (Bootstrap's icons) carry their
    content with them and are read as they are.
    """

    def __init__(self, origin: str):
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.origin = origin

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.static_file(url)
        if path is None:
            raise RefusedURL(f"not one of the site's static files: {url}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as file:
            return URLFetcherResponse(url, file.read(), {"Content-Type": content_type})

    def static_file(self, url: str) -> str | None:
        parts = urlsplit(url)
        prefix = staticfiles_storage.base_url
        if f"{parts.scheme}://{parts.netloc}" != self.origin or not parts.path.startswith(prefix):
            return None
        name = unquote(parts.path.removeprefix(prefix))
        try:
            found = finders.find(name)
            if found is None and settings.STATIC_ROOT and staticfiles_storage.exists(name):
                found = staticfiles_storage.path(name)
        except SuspiciousFileOperation:  # `..` out of the static folders
            return None
        return found if isinstance(found, str) and os.path.isfile(found) else None


@cache
def paper_stylesheet() -> weasyprint.CSS:
    return weasyprint.CSS(filename=finders.find("css/pdf.css"))


def render_pdf(request, template_name: str, context: dict | None = None) -> bytes:
    """The template rendered for this request, as a tagged PDF.

    Relative and root-relative URLs resolve against the request's own URL, so links in the PDF
    lead back to the site.
    """
    return draw_pdf(**page_to_draw(request, template_name, context))


def page_to_draw(request, template_name: str, context: dict | None = None) -> dict:
    """What `draw_pdf` needs to draw the template as this request would show it, as plain data a background task
    can be given: the page, and the addresses its links and static files resolve against."""
    return {
        "html": render_to_string(template_name, context, request=request),
        "base_url": request.build_absolute_uri(),
        "origin": f"{request.scheme}://{request.get_host()}",
    }


def draw_pdf(*, html: str, base_url: str, origin: str) -> bytes:
    """A page as a tagged PDF; what takes the time (0.8 to 1 s for a plan), so a background task may do it."""
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly(origin), media_type="print")
    return document.write_pdf(stylesheets=[paper_stylesheet()], pdf_variant="pdf/ua-1")


def pdf_response(request, template_name: str, context: dict | None = None, *, filename: str) -> HttpResponse:
    """`render_pdf` as a download named `filename` (a person keeps it; the page itself is the view)."""
    return pdf_file_response(render_pdf(request, template_name, context), filename=filename)


def pdf_file_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """A PDF already drawn, as a download named `filename`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Content-Length"] = str(len(pdf))
    return response
