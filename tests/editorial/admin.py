"""Driving Wagtail's admin as a person would: read the form the page renders, change fields, press a button."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse


def make_user(username, *groups, superuser=False):
    model = get_user_model()
    if superuser:
        user = model.objects.create_superuser(username, f"{username}@example.org", "clave-de-prueba")
    else:
        user = model.objects.create_user(username, f"{username}@example.org", "clave-de-prueba")
    user.first_name = username.capitalize()
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def form_fields(html, form_selector="form[method=post]"):
    """The fields the form would send as it is rendered, as a dict of lists."""
    soup = BeautifulSoup(html, "html.parser")
    form = next(f for f in soup.select(form_selector) if f.select_one("[name=title]"))
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "input":
            kind = field.get("type", "text")
            if kind in ("submit", "button", "file", "image") or (kind in ("checkbox", "radio") and not field.has_attr("checked")):
                continue
            data.setdefault(name, []).append(field.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.get_text())
        else:
            chosen = field.select("option[selected]") or ([] if field.has_attr("multiple") else field.select("option")[:1])
            data.setdefault(name, []).extend(option.get("value", option.get_text()) for option in chosen)
    # The body's blocks are built by JavaScript; an empty body is «no blocks».
    data.setdefault("body-count", ["0"])
    return data


def post_edit(client, page, action=None, **changes):
    """Open the page's edit view, change fields and press a button ("publish", "submit") or save."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = form_fields(response.content.decode())
    for name, value in changes.items():
        data[name] = [value]
    if action:
        data[f"action-{action}"] = ["True"]
    return client.post(url, data)


def post_add(client, parent, model, **fields):
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = form_fields(response.content.decode())
    for name, value in fields.items():
        data[name] = [value]
    return client.post(url, data)


def workflow_action(client, page, action, comment=""):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


class EditorialTeam:
    """A TestCase mixin: the site, and one person in each editorial group."""

    @classmethod
    def setUpTestData(cls):
        from tests.factories import make_site

        make_site()
        cls.editor = make_user("elena", "Editores")
        cls.moderator = make_user("mario", "Moderadores")
        cls.admin = make_user("ada", "Administradores")
