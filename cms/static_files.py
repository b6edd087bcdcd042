"""Static files in production: WhiteNoise, without publishing the manifest.

``collectstatic`` with a manifest storage writes ``staticfiles.json`` into STATIC_ROOT beside the
files; WhiteNoise serves everything there, the manifest included. Nobody needs it over HTTP (pages
carry the hashed names already), and it lists every static file the site has, so it answers 404
(site/nginx.conf refuses it too, before it reaches the application).
"""

from django.contrib.staticfiles.storage import staticfiles_storage
from whitenoise.middleware import WhiteNoiseMiddleware


def manifest_url(static_prefix):
    name = getattr(staticfiles_storage, "manifest_name", None)
    return f"{static_prefix}{name}" if name else None


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise's middleware, leaving the manifest out of the files it serves."""

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        # called for every file found at start-up (and, with autorefresh off, the only way in)
        if url == manifest_url(self.static_prefix):
            return
        super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        # autorefresh (DEBUG) looks files up on each request instead
        if url == manifest_url(self.static_prefix):
            return None
        return super().find_file(url)
