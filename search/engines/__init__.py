"""The search engines: the database's own (always), and Elasticsearch or OpenSearch when configured."""

from django.conf import settings

from . import elasticsearch, opensearch
from .dsl import Unavailable

ENGINES = {engine.name: engine for engine in (opensearch.ENGINE, elasticsearch.ENGINE)}

__all__ = ["ENGINES", "Unavailable", "configured", "named"]


def configured():
    """The engine ``OPENSEARCH_URL`` or ``ELASTICSEARCH_URL`` selects, or None (the database alone)."""
    for engine in ENGINES.values():
        if getattr(settings, engine.url_setting, ""):
            return engine
    return None


def named(name):
    return ENGINES.get(name)
