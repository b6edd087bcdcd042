"""The public History of every page: ``<page url>history/`` and ``<page url>history/<a>/<b>/``."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.parameters import reads, whole_number

from . import summaries
from .forms import ChangeSummaryPageForm
from .page_history import compare, page_history, published_revision


class HistoryMixin(RoutablePageMixin):
    """Adds the public history routes to a page type (no database fields), and the change summary
    its editor offers."""

    base_form_class = ChangeSummaryPageForm

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        # set by the editor's form (ChangeSummaryPageForm.save) just before Wagtail saves the revision
        summaries.record(revision, getattr(self, "_change_summary", ""))
        return revision

    def history_url(self):
        return self.url + self.reverse_subpage("history") if self.url else ""

    def diff_url(self, revision_a, revision_b):
        return self.url + self.reverse_subpage("history_diff", args=(revision_a, revision_b))

    @path("history/", name="history")
    @reads("a", "b")
    def history_view(self, request):
        history = page_history(self, with_comments=True)
        for newer, older in zip(history.versions, history.versions[1:], strict=False):
            newer.changes_url = self.diff_url(older.id, newer.id)
        error = ""
        if "a" in request.GET or "b" in request.GET:
            ids = {version.id for version in history.versions}
            older, newer = whole_number(request.GET.get("a", "")), whole_number(request.GET.get("b", ""))
            if older in ids and newer in ids and older != newer:
                older, newer = sorted((older, newer))
                return redirect(self.diff_url(older, newer))
            error = _("Choose two different published versions of this page to compare.")
        return TemplateResponse(
            request,
            "pages/history.html",
            {"page": self, "self": self, "history": history, "error": error},
            status=400 if error else 200,
        )

    @path("history/<int:revision_a>/<int:revision_b>/", name="history_diff")
    @reads()
    def history_diff_view(self, request, revision_a, revision_b):
        older = published_revision(self, revision_a)
        newer = published_revision(self, revision_b)
        history = page_history(self)
        numbers = {version.id: version for version in history.versions}
        return TemplateResponse(
            request,
            "pages/history_diff.html",
            {
                "page": self,
                "self": self,
                "older": numbers[older.pk],
                "newer": numbers[newer.pk],
                "diffs": compare(self, older, newer),
            },
        )
