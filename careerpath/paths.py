"""Links built from the path a visitor asked for, which anyone can make up."""

import re

from django.utils.encoding import escape_uri_path

LEADING_SLASHES = re.compile(r"^/+")


def same_site_path(path: str) -> str:
    """`path` (as decoded in request.path) as a link that stays on this site, whatever was asked for.

    A browser reads "//host/x" as another site, and so "/\\host" (a backslash is a slash to it) and
    "/\\t/host" (it drops tabs and newlines) too. Encoding the path turns backslashes, tabs and
    newlines into %5C, %09, %0A, which stay in the path, and a run of leading slashes becomes one.
    """
    return LEADING_SLASHES.sub("/", "/" + escape_uri_path(path))
