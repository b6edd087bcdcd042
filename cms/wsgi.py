"""The server entry point. It defaults to the production settings, which refuse to start without a
secret key and host names: a server never runs the development settings by omission
(`manage.py runserver` uses manage.py, whose default is the development settings)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()
