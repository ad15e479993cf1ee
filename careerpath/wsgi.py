import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings")
django.setup(set_prefix=False)  # as django.core.wsgi.get_wsgi_application does, before the handler's imports

from .handler import SiteHandler  # noqa: E402 (needs the apps loaded)

application = SiteHandler()
