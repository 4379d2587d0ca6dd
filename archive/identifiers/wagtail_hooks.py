from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from . import admin_views

LABEL = "Retirar del archivo"


def _offers_withdrawal(page, user):
    specific = page.specific_deferred
    return admin_views.can_withdraw(specific, user) and (
        page.live or (specific.permanent_identifier is not None and not specific.permanent_identifier.is_withdrawn)
    )


class WithdrawMenuItem(ActionMenuItem):
    """In the editor's «more actions» menu, beside «Unpublish»."""

    label = LABEL
    name = "action-withdraw"
    icon_name = "warning"

    def is_shown(self, context):
        return context["view"] == "edit" and not context["locked_for_user"] and _offers_withdrawal(
            context["page"], context["request"].user
        )

    def get_url(self, context):
        return reverse("identifiers_withdraw", args=[context["page"].pk])


class WithdrawButton(PageMenuItem):
    """In the page header and the explorer's «more» menu."""

    label = LABEL
    icon_name = "warning"
    url_name = "identifiers_withdraw"

    def is_shown(self, user):
        return _offers_withdrawal(self.page, user)


@hooks.register("register_admin_urls")
def withdrawal_urls():
    return [path("retirar/<int:page_id>/", admin_views.withdraw, name="identifiers_withdraw")]


@hooks.register("register_page_action_menu_item")
def withdraw_menu_item():
    return WithdrawMenuItem(order=25)


@hooks.register("register_page_header_buttons")
def withdraw_header_button(page, user, view_name, next_url=None):
    yield WithdrawButton(page=page, priority=62)


@hooks.register("register_page_listing_more_buttons")
def withdraw_listing_button(page, user, next_url=None):
    yield WithdrawButton(page=page, priority=42)


@hooks.register("register_log_actions")
def withdrawal_log_action(actions):
    @actions.register_action("identifiers.withdraw")
    class WithdrawFormatter(LogFormatter):
        label = LABEL
        message = "Retirado del archivo"

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return f"Retirado del archivo. Motivo: {reason}" if reason else self.message
