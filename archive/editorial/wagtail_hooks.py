from wagtail import hooks

from .panels import PANELS


@hooks.register("construct_homepage_panels")
def editorial_dashboard_panels(request, panels):
    # Decided here, not in the panel: someone who may not act on a list
    # should not pay its queries either.
    user = request.user
    panels.extend(panel(request) for panel in PANELS if panel.is_shown_to(user))
