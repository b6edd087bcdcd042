"""The public page that says how vitality is scored (``/<language>/vitality/``), from the rules the
score itself reads (``vitality.scoring``)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.parameters import reads
from pages.navigation import link_view_languages

from . import scoring


@reads()
@require_safe
def rules(request):
    link_view_languages(request, "vitality_rules")
    steps = [
        {"rule": rule, "steps": [(days, round(rule.points * share)) for days, share in rule.steps]}
        for rule in scoring.RULES
    ]
    bands = [(lowest, band) for lowest, band in scoring.BANDS]
    return render(
        request,
        "vitality/rules.html",
        {"rules": steps, "caps": scoring.CAPS, "bands": bands, "total": sum(r.points for r in scoring.RULES)},
    )
