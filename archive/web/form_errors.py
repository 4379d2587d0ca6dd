"""An admin form sent back with errors answers 400, not 200.

Wagtail's views (documents, images, snippets, pages, and ours built on its
generic views) show a refused form again with its errors and status 200: to
a browser the same, but to anything that reads the status (a script, a
harvester of the admin's logs, a test, an accessibility checker counting
failed submissions) the bad input was accepted. The page stays exactly as
Wagtail renders it; only the status says what happened. JSON answers
(modals, uploads of several files) keep Wagtail's own codes.
"""

from django.conf import settings


def form_with_errors(context):
    for key in ("form", "edit_form", "upload_form"):
        form = (context or {}).get(key)
        if form is not None and getattr(form, "is_bound", False) and getattr(form, "errors", None):
            return True
    return False


class AdminFormErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "ARCHIVE_ADMIN_PREFIX", "/admin/")
        # A wrong password is not malformed input: the sign-in keeps Django's
        # 200, and its lock answers 429 (archive/security).
        self.login = self.prefix + "login/"

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if (request.method == "POST" and response.status_code == 200 and request.path.startswith(self.prefix)
                and request.path != self.login and form_with_errors(response.context_data)):
            response.status_code = 400
        return response
