"""Content-Security-Policy: one strict policy for the public site, a looser one for the Wagtail admin.

django-csp builds and sends the header; this middleware only chooses which policy a response gets.
The site's pages run no inline code at all, so they get ``CONTENT_SECURITY_POLICY`` as it is. The
admin cannot: Wagtail's date and time widgets and inline panels, and wagtail-localize's translation
pages, write inline ``<script>`` elements (widgets are rendered without the request, so they cannot
carry a nonce), and the admin's scripts set inline styles and show images they build in the browser.
Those pages live under /admin/ and get ``CONTENT_SECURITY_POLICY_ADMIN``. A view that sets its own
policy with django-csp's decorators keeps it.
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
