"""Harvests outside the request: "Run now" in the Sources screen hands the source to a background
thread (``TASKS``, queue ``harvest``); a lost one costs nothing but running it again."""

from django_tasks import task

from .models import Source
from .run import harvest

QUEUE = "harvest"


@task(backend="background", queue_name=QUEUE)
def harvest_source(source_id):
    source = Source.objects.filter(pk=source_id, enabled=True).first()
    if source is not None:
        harvest(source)
