"""The project's configuration, on top of every layer: settings, the root URLs, WSGI/ASGI, the task
backends, and the project-wide middleware (language, content security policy, private answers),
images, icons, static files and the management commands of the site as a whole.

Layers (``[tool.importlinter]`` in pyproject.toml), each importing only those below it:
cms > demo > access | atlas | caching > opendata > wiki > search > community > moderation >
localisation > pages > history | snippets > core.
"""
