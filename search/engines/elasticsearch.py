"""Elasticsearch 8/9 through the official client and modelsearch's ``elasticsearch9`` backend.

Everything but the client is shared with OpenSearch (``search.engines.dsl``).
"""

import elastic_transport
import elasticsearch
import elasticsearch.helpers
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
)

from . import dsl


class CatalogueMapping(dsl.CatalogueMapping, Elasticsearch9Mapping):
    pass


class CatalogueIndex(dsl.CatalogueIndex, Elasticsearch9Index):
    pass


class CatalogueBackend(dsl.CatalogueBackend, Elasticsearch9SearchBackend):
    mapping_class = CatalogueMapping
    index_class = CatalogueIndex

    def send(self, method, body, **params):
        return method(**params, **body)  # the 8/9 clients take the body's keys as arguments


SearchBackend = CatalogueBackend


def run_search(client, indices, body, timeout):
    return client.options(request_timeout=timeout).search(index=indices, **body)


ENGINE = dsl.Engine(
    name="elasticsearch",
    url_setting="ELASTICSEARCH_URL",
    failures=(elastic_transport.TransportError, elasticsearch.ApiError, elasticsearch.helpers.BulkIndexError),
    run_search=run_search,
    rejected_documents=(elasticsearch.helpers.BulkIndexError,),
)
