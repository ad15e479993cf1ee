"""The site's WSGI handler: Django's, answering a page kept for everyone (careerpath.cache) before the request cycle.

Such a page needs neither the database nor any middleware: what is kept carries every header the stack set when it
was made (PageCacheMiddleware comes first). Django's cycle around it (the request signals, which look over the
database connections and the caches, and the middleware it passes through on the way in and out) cost as much as
the page itself: answered here, a kept page takes a worker about a third less time (bench/README.md). Anything else,
a page not kept yet included, goes through the whole cycle, where PageCacheMiddleware keeps it.
"""

import logging

from django.core.handlers.wsgi import WSGIHandler

from .cache import LOOKED_UP_IN_VAIN, kept_page, shared_page_key

logger = logging.getLogger(__name__)


class SiteHandler(WSGIHandler):
    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET":  # only a GET is answered with a kept page: a form sent goes on at once
            try:
                kept = self.kept_page(environ)
            except Exception:
                # The cycle meets it again (the cache unreadable) and answers as it does: its error page, or a 503.
                logger.exception("A kept page could not be looked up before the request cycle")
                kept = None
            if kept is not None:
                start_response(f"{kept.status_code} {kept.reason_phrase}", list(kept.items()))
                return [kept.content]
        return super().__call__(environ, start_response)

    def kept_page(self, environ):
        request = self.request_class(environ)
        if (key := shared_page_key(request)) is None:
            return None
        if (kept := kept_page(request, key)) is None:
            environ[LOOKED_UP_IN_VAIN] = key  # the middleware keeps the page made under it
        return kept
