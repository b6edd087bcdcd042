"""``/<lang>/accounts/signup/``, and the moderators' list of applications in the admin."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import signup
from .forms import SignupForm
from .models import ContributorApplication


def signup_view(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_robot:
            signup.apply(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                motivation=form.cleaned_data["motivation"],
                language=translation.get_language(),
                admin_url=request.build_absolute_uri(reverse("wagtailadmin_home")),
            )
        # the same answer for a new address, a known one, and a robot
        return render(request, "wiki/signup_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "wiki/signup.html", {"form": form}, status=400 if form.errors else 200)


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
    signup.decide(
        application, request.user, approve, request.build_absolute_uri(reverse("wagtailadmin_home"))
    )
    name = application.user.get_full_name() or application.user.email
    if approve:
        messages.success(request, _("%(name)s can now contribute.") % {"name": name})
    else:
        messages.success(request, _("The application of %(name)s was declined.") % {"name": name})
    return redirect("contributor_applications")
