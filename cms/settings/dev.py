"""Development: debug on, a throw-away secret key, e-mails printed on the console."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# demo accounts with known passwords (manage.py load_demo --accounts, `make run`): here and in tests only
DEMO_ACCOUNTS = True
# sources served on this machine (a local copy of a catalogue) may be harvested here
HARVEST_PRIVATE_ADDRESSES = env_bool("HARVEST_PRIVATE_ADDRESSES", True)
