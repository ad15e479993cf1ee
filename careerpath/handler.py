"""The site's WSGI handler: Django's, answering a page kept for everyone (careerpath.cache) before the request cycle.

Such a page needs neither the database nor any middleware: what is kept carries every header the stack set when it
was made (PageCacheMiddleware comes first). Django's cycle around it (the request signals, which look over the
database connections and the caches, and the twenty middleware it passes through on the way in and out) cost as
much as the page itself: answered here, a kept page takes a worker a third less time (bench/README.md). Anything
else, a page not kept yet included, goes through the whole cycle, where PageCacheMiddleware keeps it.
"""

from django.core.handlers.wsgi import WSGIHandler

from .cache import kept_page, shared_page_key


class SiteHandler(WSGIHandler):
    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET":  # only a GET is answered with a kept page: a form sent goes on at once
            request = self.request_class(environ)
            if (key := shared_page_key(request)) is not None and (kept := kept_page(request, key)) is not None:
                start_response(f"{kept.status_code} {kept.reason_phrase}", list(kept.items()))
                return [kept.content]
        return super().__call__(environ, start_response)
