"""The map (/<language>/map/?count=…) and the figures page (/<language>/figures/)."""

from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.parameters import reads
from pages.navigation import link_view_languages

from . import figures as figures_data
from . import map as map_data


@reads("count", expensive=True)
@require_safe
def world_map(request):
    language = translation.get_language()
    choices = map_data.count_choices()
    asked = request.GET.get("count", "").strip() or map_data.ALL
    errors = []
    if asked not in choices:
        # an old or mistyped link: say so, and still show the map of everything
        errors.append(_("The map cannot count “%(value)s”; it shows all entries.") % {"value": asked[:80]})
        asked = map_data.ALL
    link_view_languages(request, "atlas_map")
    context = {
        "world": map_data.build(asked, language),
        "choices": list(choices.items()),
        "asked": asked,
        "asked_label": choices[asked],
        "legend": map_data.legend(),
        "errors": errors,
    }
    return render(request, "atlas/map.html", context, status=400 if errors else 200)


@reads(expensive=True)
@require_safe
def figures(request):
    link_view_languages(request, "atlas_figures")
    context = {"charts": figures_data.build(translation.get_language())}
    return render(request, "atlas/figures.html", context)
