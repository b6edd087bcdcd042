"""The bottom layer: request and site helpers, freshness, throttling, parameters and the patches of
upstream code (compat)."""
