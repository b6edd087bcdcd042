"""Content-Security-Policy: one strict policy for the public site, a looser one for the Wagtail admin.

django-csp builds the header from the settings; this middleware chooses which policy a response gets.
The site's pages run no inline code at all, so they get ``CONTENT_SECURITY_POLICY`` as it is. The admin
cannot, as the browser tests showed under the strict policy:
- inline ``<script>`` elements: Wagtail's page explorer and editor pages, its date/time widgets and
  inline panels, wagtail-localize's translation pages write them, and Wagtail's bundled jQuery runs the
  ones inside the form templates it inserts. Widgets are rendered without the request, so they cannot
  carry a nonce: ``'unsafe-inline'`` for scripts;
- ``<style>`` elements that the editor's libraries (in wagtailadmin/js/vendor.js) insert at run time:
  ``'unsafe-inline'`` for styles;
- ``blob:`` images: the preview of an image chosen for upload, drawn from the file before it is sent.
Nothing there needs ``'unsafe-eval'``, ``data:`` images or another origin (Gravatar is switched off).
Those pages live under /admin/ and get ``CONTENT_SECURITY_POLICY_ADMIN``. A response that already has
a policy keeps it (Wagtail's own for served documents and images).
"""

from csp.constants import HEADER
from csp.utils import build_policy, default_config
from django.conf import settings

ADMIN_PREFIX = "/admin/"


def policy_for(path):
    """The policy (django-csp's ``DIRECTIVES`` dictionary) that applies to ``path``."""
    if path.startswith(ADMIN_PREFIX):
        return settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
    return settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


def header_for(path):
    return build_policy(config=default_config(policy_for(path)))


class ContentSecurityPolicyMiddleware:
    """Sends the site's or the admin's policy, built once: no nonces, so the header never varies."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.site, self.admin = header_for("/"), header_for(ADMIN_PREFIX)

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # Django's debug pages style themselves inline
        if HEADER not in response:  # Wagtail's own, on the documents and images it serves
            response[HEADER] = self.admin if request.path_info.startswith(ADMIN_PREFIX) else self.site
        return response
