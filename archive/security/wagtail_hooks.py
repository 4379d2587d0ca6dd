from wagtail import hooks

from archive.views import not_found

from .files import may_download


@hooks.register("before_serve_document")
def refuse_files_of_hidden_documents(document, request):
    if not may_download(document, request):
        return not_found(request)
    return None
