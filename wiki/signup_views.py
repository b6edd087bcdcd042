"""``/<lang>/accounts/signup/``, and the moderators' list of applications in the admin."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.clients import limited_address
from core.parameters import reads
from core.site_address import absolute

from . import signup
from .forms import SignupForm
from .models import ContributorApplication
from .public_editing import safe_next

logger = logging.getLogger(__name__)


class MailAfterResponse(HttpResponse):
    """An answer whose e-mails are sent once it is out (when the server closes the response).

    The visitor does not wait for the mail server, and the time the answer takes cannot tell which
    e-mails an application led to. A mail server that fails is logged; the application stays.
    """

    def __init__(self, content, mail):
        super().__init__(content)
        self.mail = list(mail)

    def close(self):
        mail, self.mail = self.mail, []
        try:
            signup.send(mail)
        except Exception:
            logger.exception("Sign-up e-mails not sent")
        finally:
            super().close()


@reads("next")
def signup_view(request):
    form = SignupForm(request.POST or None)
    # where the login links go once the account is approved (the editor of a page, from "suggest a change")
    context = {"form": form, "next": safe_next(request, request.GET.get("next"))}
    if request.method == "POST" and form.is_valid():
        if not signup.within_limits(limited_address(request), form.cleaned_data["email"]):
            minutes = signup.rate_limits()[0].minutes
            form.add_error(
                None,
                ngettext(
                    "Too many applications in a short time, from your connection or for this address. "
                    "Try again in %(minutes)s minute.",
                    "Too many applications in a short time, from your connection or for this address. "
                    "Try again in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return render(request, "wiki/signup.html", context, status=429)
        mail = []
        if not form.is_robot:
            mail = signup.apply(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                motivation=form.cleaned_data["motivation"],
                language=translation.get_language(),
                admin_url=absolute(reverse("wagtailadmin_home")),
            )
        # the same answer for a new address, a known one, and a robot
        page = render_to_string(
            "wiki/signup_done.html", {"email": form.cleaned_data["email"], "next": context["next"]}, request
        )
        return MailAfterResponse(page, mail)
    return render(request, "wiki/signup.html", context, status=400 if form.errors else 200)


@permission_required("wiki.change_contributorapplication", raise_exception=True)
def applications_view(request):
    return render(
        request,
        "wiki/admin/applications.html",
        {
            "pending": ContributorApplication.objects.filter(
                status=ContributorApplication.Status.PENDING
            ).select_related("user"),
            "page_title": _("Contributor applications"),
            "header_icon": "user",
        },
    )


@require_POST
@permission_required("wiki.change_contributorapplication", raise_exception=True)
def decide_view(request, application_id, decision):
    application = get_object_or_404(
        ContributorApplication, pk=application_id, status=ContributorApplication.Status.PENDING
    )
    approve = decision == "approve"
    signup.decide(application, request.user, approve, absolute(reverse("wagtailadmin_home")))
    name = application.user.get_full_name() or application.user.email
    if approve:
        messages.success(request, _("%(name)s can now contribute.") % {"name": name})
    else:
        messages.success(request, _("The application of %(name)s was declined.") % {"name": name})
    return redirect("contributor_applications")
