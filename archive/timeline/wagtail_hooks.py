from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Milestone, Pause


class PauseViewSet(SnippetViewSet):
    model = Pause
    icon = "time"
    list_display = ["reason", "start", "end"]
    ordering = ["start"]


class MilestoneViewSet(SnippetViewSet):
    model = Milestone
    icon = "date"
    list_display = ["label", "date", "phase"]
    ordering = ["date"]


class TimelineGroup(SnippetViewSetGroup):
    menu_label = "Línea de tiempo"
    menu_icon = "time"
    menu_order = 210
    items = (PauseViewSet, MilestoneViewSet)


register_snippet(TimelineGroup)
