"""Driving the Wagtail admin as a person would: load a form, change a few fields, press a button."""

from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import TaskState
from wagtail.test.utils.form_data import querydict_from_html


def block_form_data(block, value, prefix):
    """The form fields a StreamField's JavaScript editor posts for ``value``."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value or []))}
        for index, child in enumerate(value or []):
            data.update(
                {
                    f"{prefix}-{index}-type": child.block_type,
                    f"{prefix}-{index}-id": child.id or "",
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-order": str(index),
                }
            )
            data.update(block_form_data(child.block, child.value, f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks) if value else []
        data = {f"{prefix}-count": str(len(items))}
        for index, item in enumerate(items):
            data.update(
                {
                    f"{prefix}-{index}-id": item.id or "",
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-order": str(index),
                }
            )
            data.update(block_form_data(block.child_block, item.value, f"{prefix}-{index}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data.update(block_form_data(child_block, value.get(name) if value else None, f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.ChooserBlock):
        return {prefix: str(value.pk) if value else ""}
    state = block.get_form_state(value)
    if isinstance(state, list):  # select widgets give a list of selected values
        state = state[0] if state else ""
    return {prefix: "" if state is None else str(state)}


def page_form(client, url, model, instance=None):
    """The page editor's form at ``url`` as the browser would submit it unchanged.

    The HTML holds every field but the StreamFields, which the admin's JavaScript renders; those
    are added from ``instance`` (or empty when creating a page).
    """
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            value = getattr(instance, field.name) if instance is not None else None
            data.update(block_form_data(field.stream_block, value, field.name))
    return data


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_page(client, url, changes, action=None, model=None, instance=None):
    """Submit the editor form at ``url`` with ``changes``; ``action`` is "publish", "submit" or None (save).

    Give the ``instance`` being edited, or the ``model`` of the page being created.
    """
    if instance is not None:
        instance = instance.get_latest_revision_as_object()
    data = page_form(client, url, model or type(instance), instance)
    for name, value in changes.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    if action:
        data[f"action-{action}"] = action
    # every value of each name: the test client posts a QueryDict's last value only
    return client.post(url, dict(data.lists()))


def current_task_state(page):
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def workflow_action(client, page, action, comment=""):
    """A moderator's "Approve" / "Request changes" on the page's current moderation task."""
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})
