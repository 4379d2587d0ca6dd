"""Security headers every response carries: Content-Security-Policy and Permissions-Policy.

Our own dozen lines rather than django-csp: the policy is one fixed string per
area (public site, Wagtail's admin), with no nonces or per-view changes, so a
dependency would add configuration without adding anything we use.
"""

from django.conf import settings

# Public pages: scripts and styles only from our own files. JSON-LD
# (<script type="application/ld+json">) is a data block the browser never
# runs, so script-src does not apply to it (the browser test checks that no
# violation is reported).
PUBLIC_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# Wagtail's admin writes inline scripts and styles (and its preview frames
# the page it edits), so it gets a looser policy of its own; it is only
# reachable by signed-in editors.
ADMIN_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "frame-src 'self'",
])

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def policy_for(path):
    admin_prefix = getattr(settings, "ARCHIVE_ADMIN_PREFIX", "/admin/")
    return ADMIN_POLICY if path.startswith(admin_prefix) else PUBLIC_POLICY


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = "Content-Security-Policy-Report-Only" if settings.ARCHIVE_CSP_REPORT_ONLY else "Content-Security-Policy"
        if header not in response:
            response[header] = policy_for(request.path)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
