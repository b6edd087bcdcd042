"""The catalogue's search: engines (database, OpenSearch/Elasticsearch), documents and indexing,
facets, results, the search page and the sections' listings (``listing``, registered with the page
models). A feature over the catalogue and the community."""
