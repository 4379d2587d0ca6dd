from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Actor, Axis, OpennessElement, Phase


class PhaseViewSet(SnippetViewSet):
    model = Phase
    icon = "date"
    list_display = ["name", "order", "date_range_label"]
    search_fields = ["name", "description"]
    ordering = ["order"]


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "group"
    list_display = ["name", "acronym", "kind", "is_person"]
    list_filter = ["kind", "is_person"]
    search_fields = ["name", "acronym", "aliases"]


class AxisViewSet(SnippetViewSet):
    model = Axis
    icon = "tag"
    list_display = ["name", "order"]
    ordering = ["order"]


class OpennessElementViewSet(SnippetViewSet):
    model = OpennessElement
    icon = "tick-inverse"
    list_display = ["name", "order"]
    ordering = ["order"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomía"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (PhaseViewSet, ActorViewSet, AxisViewSet, OpennessElementViewSet)


register_snippet(TaxonomyGroup)
