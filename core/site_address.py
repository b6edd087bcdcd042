"""The site's public address (``SITE_URL``): the one start of every absolute link it gives out.

API and export records, sitemaps, canonical and ``hreflang`` links, feeds and e-mails all start
with it, never with whatever Host a request or a management command happened to have. ``bootstrap``
gives it to the default Wagtail Site, for the links Wagtail builds itself (its moderation e-mails).

Wagtail's ``Site.root_url`` says ``https`` only for port 443 (``http://host:8443`` for a site served
over https on 8443): the catalogue's pages take their root from ``SITE_URL`` instead
(``PublicAddressMixin``), so the scheme is always the configured one. OGP Toolbox is one Wagtail
Site; its pages have no other address.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

# What `make run` serves, and so the address in development when SITE_URL is not set.
DEVELOPMENT_ADDRESS = "http://127.0.0.1:8000"
LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
DEFAULT_PORTS = {"http": 80, "https": 443}


def public_address():
    """``scheme://host[:port]``, without a trailing slash."""
    return (settings.SITE_URL or DEVELOPMENT_ADDRESS).rstrip("/")


def absolute(path):
    """The absolute address of a path of this site (``/fr/outils/``), or ``path`` if already absolute."""
    if not path or urlsplit(path).scheme:
        return path
    return public_address() + ("" if path.startswith("/") else "/") + path


def problem(address):
    """Why ``address`` cannot be the site's public address, or None."""
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as error:
        return str(error)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return "it needs a scheme (http:// or https://) and a host name"
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
        return "it is the address of the site itself: no path, query or user name"
    return None


def host_and_port(address):
    """The (hostname, port) a Wagtail Site has for ``address``."""
    parts = urlsplit(address)
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def is_loopback(address):
    hostname = urlsplit(address).hostname or ""
    return hostname in LOOPBACK or hostname.startswith("127.") or hostname.endswith(".localhost")


def configure_site(address=None):
    """Give the default Wagtail Site the host name and port of ``address`` (by default SITE_URL).

    Returns the Site, or None when there is none yet (``ensure_tree`` creates it). Run again with
    another address, it moves the Site there.
    """
    from wagtail.models import Site

    address = address or public_address()
    if reason := problem(address):
        raise ValueError(f"SITE_URL {address!r} is not usable: {reason}")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = host_and_port(address)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()  # Wagtail clears its cache of site root paths on save
    return site


class PublicAddressMixin:
    """For page models: a page's full URL starts with the public address, in its scheme."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None:
            return parts
        return (parts[0], public_address(), parts[2])


@checks.register(checks.Tags.compatibility)
def check_site_url(app_configs=None, **kwargs):
    """SITE_URL must be a site address; with DEBUG off, set, and not this machine."""
    address = settings.SITE_URL
    hint = "Set SITE_URL to the address visitors use, e.g. SITE_URL=https://toolbox.example.org"
    if not address:
        if settings.DEBUG:
            return []
        return [
            checks.Error(
                "SITE_URL is not set: links in e-mails, exports, the API, feeds and sitemaps would "
                f"point at {DEVELOPMENT_ADDRESS}.",
                hint=hint,
                id="cms.E001",
            )
        ]
    if reason := problem(address):
        return [
            checks.Error(f"SITE_URL {address!r} is not a site address: {reason}.", hint=hint, id="cms.E002")
        ]
    if not settings.DEBUG and is_loopback(address):
        return [
            checks.Warning(
                f"SITE_URL is {address}, this machine: links in e-mails, exports, the API, feeds and "
                "sitemaps work only here (right for a production-like test server, not for a real site).",
                hint=hint,
                id="cms.W001",
            )
        ]
    return []
