"""Addresses of the terms' public pages, under each language: one pattern per kind and segment.

Each kind's segments come from its model (``Term.public_path``); a segment of another language
still finds the term, and redirects to the address of the visitor's language.
"""

from django.urls import path

from . import term_views as public_views
from . import terms as public

urlpatterns = []
for _kind, _model in public.kinds().items():
    for _segment in dict.fromkeys(public.segments(_model).values()):
        _extra = {"kind": _kind, "segment": _segment}
        urlpatterns += [
            path(f"{_segment}/<slug:slug>/", public_views.term_page, _extra, name=f"term-{_kind}-{_segment}"),
            path(
                f"{_segment}/<slug:slug>/feed/",
                public_views.term_feed,
                _extra,
                name=f"term-feed-{_kind}-{_segment}",
            ),
        ]
