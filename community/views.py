"""The site's forms for taking part; every one works without JavaScript (a form, a redirect back)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.localization import best_per_key, localize_terms
from core.parameters import reads
from pages.organisations import OrganisationPage
from pages.relations import visible
from pages.use_cases import UseCasePage

from . import actions, machine_translation, rules
from .actions import Refused
from .forms import ArgumentForm, EndorsementForm, ReportForm
from .models import Argument, Endorsement
from .participation import ARGUMENTS, ENDORSEMENTS

KINDS = {"argument": Argument, "endorsement": Endorsement}


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def _refused(request, refusal, page=None):
    return render(
        request,
        "community/refused.html",
        {"message": refusal.message, "subject": page},
        status=refusal.status,
    )


def _subject_or_404(page_id, part=ARGUMENTS):
    page = actions.subject(page_id, part)
    if page is None:
        raise Http404
    return page


def _public_item(kind, item_id):
    """A published argument or standing endorsement of a public page, or 404."""
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, pk=item_id)
    if not actions._is_public(item):
        raise Http404
    return item


def _page_of(item):
    page_id = item.page_id if isinstance(item, Argument) else item.tool_id
    return _subject_or_404(page_id)


def _anchor(item):
    return f"#{'argument' if isinstance(item, Argument) else 'endorsement'}-{item.pk}"


@reads("answer", "criterion")
@login_required
def argue(request, page_id):
    page = _subject_or_404(page_id)
    parent = None
    if request.GET.get("answer") or request.POST.get("answer"):
        try:
            parent = Argument.objects.get(
                pk=int(request.POST.get("answer") or request.GET.get("answer")),
                subject_key=page.translation_key,
                status=Argument.Status.PUBLISHED,
                parent__isnull=True,
            )
        except (ValueError, Argument.DoesNotExist):
            raise Http404 from None
    criteria = _criteria(page) if parent is None else []
    initial = {"criterion": request.GET.get("criterion") or None}
    form = ArgumentForm(request.POST or None, criteria=criteria, reply=parent is not None, initial=initial)
    status = 200
    if not rules.may_take_part(request.user):
        return _refused(
            request,
            Refused(_("Your account can take part once a moderator has approved your application.")),
            page,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        criterion = next((c for c in criteria if c.pk == data.get("criterion")), None)
        if data.get("criterion") and criterion is None:
            form.add_error("criterion", _("This page has no value for that criterion."))
        else:
            try:
                argument = actions.argue(
                    request.user,
                    page,
                    data["stance"],
                    data["title"],
                    data["text"],
                    criterion=criterion,
                    parent=parent,
                    language=translation.get_language(),
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                if argument.status == Argument.Status.HELD:
                    messages.success(
                        request,
                        _(
                            "Thank you. Your first arguments are read by a moderator before they appear; "
                            "this one is waiting."
                        ),
                    )
                else:
                    messages.success(request, _("Your argument is published."))
                return HttpResponseRedirect(page.url + _anchor(parent or argument))
    elif request.method == "POST":
        status = 400
    return render(
        request, "community/argue.html", {"subject": page, "form": form, "parent": parent}, status=status
    )


def _criteria(page):
    """The technical criteria a tool has a value for, as stored on its values (their ids are what the
    form sends), each named in the page's language."""
    values = getattr(page, "criteria_values", None)
    if values is None:
        return []
    stored = [value.criterion for value in values.select_related("criterion")]
    named = localize_terms(stored, page.locale)
    for criterion, localized in zip(stored, named, strict=True):
        criterion.name = localized.name  # for the form's labels only; never saved
    return sorted(stored, key=lambda c: c.name.casefold())


@reads()
@login_required
@require_POST
def vote(request, kind, item_id):
    item = _public_item(kind, item_id)
    page = _page_of(item)
    try:
        found = actions.vote(request.user, item, request.POST.get("value"))
    except Refused as refusal:
        return _refused(request, refusal, page)
    messages.success(request, _("Your vote is withdrawn.") if found is None else _("Your vote is recorded."))
    return _back(request, page.url + _anchor(item))


@reads()
@login_required
def report(request, kind, item_id):
    item = _public_item(kind, item_id)
    page = _page_of(item)
    try:
        actions.may_report(request.user, item)
    except Refused as refusal:
        return _refused(request, refusal, page)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.report(request.user, item, form.cleaned_data["reason"])
            except Refused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                messages.success(request, _("Thank you. Moderators will look at it."))
                return HttpResponseRedirect(page.url + _anchor(item))
        else:
            status = 400
    return render(
        request, "community/report.html", {"subject": page, "item": item, "form": form}, status=status
    )


@reads()
@login_required
@require_POST
def withdraw(request, kind, item_id):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, pk=item_id, author=request.user)
    try:
        if isinstance(item, Argument):
            actions.withdraw_argument(request.user, item)
        else:
            actions.withdraw_endorsement(request.user, item)
    except Refused as refusal:
        return _refused(request, refusal)
    messages.success(request, _("Withdrawn."))
    page = actions.subject(item.page_id if isinstance(item, Argument) else item.tool_id)
    return _back(request, page.url if page else "/")


@reads()
@login_required
def endorse(request, page_id):
    page = _subject_or_404(page_id, part=ENDORSEMENTS)
    if not rules.may_take_part(request.user):
        return _refused(
            request,
            Refused(_("Your account can take part once a moderator has approved your application.")),
            page,
        )
    organisations = _organisations_of(request.user, page.locale.language_code)
    use_cases = _use_cases(page.locale.language_code)
    form = EndorsementForm(request.POST or None, organisations=organisations, use_cases=use_cases)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            organisation = next((o for o in organisations if o.pk == data["on_behalf_of"]), None)
            use_case = next((u for u in use_cases if u.pk == data["use_case"]), None)
            try:
                actions.endorse(
                    request.user,
                    page,
                    organisation,
                    data["since_year"],
                    data["context"],
                    use_case,
                    translation.get_language(),
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                messages.success(
                    request, _("Thank you. A moderator will check it before it appears on the page.")
                )
                return HttpResponseRedirect(page.url + "#endorsements")
        else:
            status = 400
    mine = list(
        Endorsement.objects.filter(
            author=request.user, subject_key=page.translation_key, withdrawn_at__isnull=True
        ).select_related("organisation")
    )
    return render(
        request, "community/endorse.html", {"subject": page, "form": form, "mine": mine}, status=status
    )


def _organisations_of(user, language_code):
    keys = user.memberships.values("organisation__translation_key")
    candidates = visible(OrganisationPage.objects.filter(translation_key__in=keys)).select_related("locale")
    return sorted(best_per_key(candidates, language_code).values(), key=lambda o: o.title.casefold())


def _use_cases(language_code):
    candidates = visible(UseCasePage.objects.all()).select_related("locale")
    return sorted(best_per_key(candidates, language_code).values(), key=lambda u: u.title.casefold())


@reads()
def machine_translated(request, item_id):
    """An argument in the visitor's language, by the configured machine translator (404 without one)."""
    argument = _public_item("argument", item_id)
    page = _page_of(argument)
    language = translation.get_language()
    if not machine_translation.is_configured() or argument.language == language:
        raise Http404
    try:
        (title, text), provider = machine_translation.translate(argument, language)
    except machine_translation.Unavailable:
        return _refused(
            request, Refused(_("Machine translation is not available at the moment."), status=503), page
        )
    return render(
        request,
        "community/machine_translated.html",
        {"subject": page, "argument": argument, "title": title, "text": text, "provider": provider},
    )
