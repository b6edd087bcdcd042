"""OpenSearch 2/3 through opensearch-py and modelsearch's ``opensearch3`` backend.

The official Elasticsearch client refuses servers that are not Elasticsearch, so OpenSearch has its
own client; everything else is shared with Elasticsearch (``search.engines.dsl``).
"""

import opensearchpy
import opensearchpy.helpers
from modelsearch.backends.opensearch3 import OpenSearch3Index, OpenSearch3Mapping, OpenSearch3SearchBackend

from . import dsl


class CatalogueMapping(dsl.CatalogueMapping, OpenSearch3Mapping):
    pass


class CatalogueIndex(dsl.CatalogueIndex, OpenSearch3Index):
    pass


class CatalogueBackend(dsl.CatalogueBackend, OpenSearch3SearchBackend):
    mapping_class = CatalogueMapping
    index_class = CatalogueIndex

    def send(self, method, body, **params):
        return method(body=body, **params)


SearchBackend = CatalogueBackend


def run_search(client, indices, body, timeout):
    return client.search(index=indices, body=body, request_timeout=timeout)


ENGINE = dsl.Engine(
    name="opensearch",
    url_setting="OPENSEARCH_URL",
    failures=(opensearchpy.OpenSearchException, opensearchpy.helpers.BulkIndexError),
    run_search=run_search,
    rejected_documents=(opensearchpy.helpers.BulkIndexError,),
)
