from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Glosario"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["term", "expansion", "mark_in_documents"]
    list_filter = ["mark_in_documents"]
    search_fields = ["term", "expansion", "variants", "definition"]


register_snippet(GlossaryTermViewSet)
