"""``/<lang>/suggest-a-change/<page id>/``: how to change a page one may not edit yet."""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page

from cms.parameters import reads
from pages.relations import visible

from . import public_editing


@reads()
def suggest_change(request, page_id):
    # only what anyone may read: a draft or a private page is not revealed by its id
    page = get_object_or_404(visible(Page.objects.all()).specific(), pk=page_id)
    editor = public_editing.edit_url(page)
    if public_editing.may_edit(request.user, page):
        return redirect(editor)
    come_back = urlencode({REDIRECT_FIELD_NAME: editor})
    context = {
        "target": page,
        "state": public_editing.account_state(request.user) if request.user.is_authenticated else None,
        "login_url": f"{reverse('wagtailadmin_login')}?{come_back}",
        "signup_url": f"{reverse('signup')}?{come_back}",
    }
    return render(request, "wiki/suggest_change.html", context)
