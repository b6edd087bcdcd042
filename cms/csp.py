"""Content-Security-Policy: one strict policy for the public site, a looser one for the Wagtail admin.

django-csp builds and sends the header; this middleware only chooses which policy a response gets.
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
a policy keeps it (Wagtail's own for served documents and images, django-csp's decorators).
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIX = "/admin/"


def policy_for(path):
    """The policy (django-csp's ``DIRECTIVES`` dictionary) that applies to ``path``."""
    if path.startswith(ADMIN_PREFIX):
        return settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
    return settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            parts.config = default_config(policy_for(request.path_info))
        return parts
