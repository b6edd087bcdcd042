"""Settings of bench/accounts.py: development settings with DEBUG off and e-mail sent over SMTP.

The benchmark's own SMTP sink listens on 127.0.0.1; sending the sign-up e-mails is part of what it
measures, as a real mail server would make it.
"""

import os

from cms.settings.dev import *  # noqa: F403

DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["BENCH_SMTP_PORT"])
