"""Admin report: translations behind their source page, per language."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from cms import roles

from .translation_status import outdated_translations


def languages_for(user):
    """The languages a user translates into: their "Translators (xx)" groups, or all of them."""
    codes = [code for code, _name in settings.LANGUAGES]
    if user.is_superuser:
        return codes
    names = set(user.groups.values_list("name", flat=True))
    mine = [code for code in codes if roles.translators_group_name(code) in names]
    return mine or codes


def outdated_translations_view(request):
    codes = languages_for(request.user)
    wanted = request.GET.get("language")
    if wanted in codes:
        codes = [wanted]
    sections = [
        {"code": code, "name": dict(settings.LANGUAGES)[code], "items": outdated_translations(code)}
        for code in codes
    ]
    return render(
        request,
        "wiki/admin/outdated_translations.html",
        {"sections": sections, "page_title": _("Out-of-date translations"), "header_icon": "doc-empty"},
    )
