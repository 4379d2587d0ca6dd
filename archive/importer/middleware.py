"""More files than a form may carry, sent to «Importar documentos»: the import form says what to do.

Django refuses a request with more than DATA_UPLOAD_MAX_NUMBER_FILES files
(a guard for every form) the first time anything reads request.POST, which
is the CSRF check, before any view: the editor would get a bare «solicitud
incorrecta». The limit stays; this answers the import form's own way.
Middleware run before any view's checks, so this one sits after the
sessions and the login are known and reads the form first, for that one
address.
"""

from django.core.exceptions import TooManyFilesSent
from django.urls import reverse

from . import admin_views


class TooManyFilesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == reverse("importer_import"):
            try:
                request.POST  # noqa: B018 - reading it is what may raise
            except TooManyFilesSent:
                response = admin_views.too_many_files(request)
                return response.render() if hasattr(response, "render") else response
        return self.get_response(request)
