"""``manage.py strip_image_metadata [--dry-run]``: the images uploaded before uploads were cleaned
(cms/images.py) written again without their metadata, as an upload is now; their renditions are
deleted (Wagtail makes them again, from the cleaned original)."""

import io
import os

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.images import without_metadata
from core import compat


class Command(BaseCommand):
    help = "Remove EXIF (GPS positions), XMP, IPTC and comments from the originals of uploaded images."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="say which images carry metadata, change nothing"
        )

    def handle(self, **options):
        cleaned = unreadable = 0
        for image in get_image_model().objects.order_by("pk").iterator():
            try:
                with image.file.open("rb") as handle:
                    result = without_metadata(handle.read())
            except Exception as error:  # (a missing or damaged file: said, and the others go on)
                self.stderr.write(f"image {image.pk} ({image.file.name}): not read ({error})")
                unreadable += 1
                continue
            if result is None:
                continue
            cleaned += 1
            self.stdout.write(f"image {image.pk} ({image.file.name}): metadata removed")
            if options["dry_run"]:
                continue
            previous = image.file.name
            size = (image.width, image.height)
            image.file.save(os.path.basename(previous), ContentFile(result), save=False)
            with PILImage.open(io.BytesIO(result)) as upright:
                image.width, image.height = upright.size  # turned, if its orientation said so
            if (image.width, image.height) != size:
                image.set_focal_point(None)  # drawn on the picture as it was shown before: lost
            compat.refresh_image_file_metadata(image)  # the new size and hash (Wagtail's duplicate check)
            image.save()
            image.renditions.all().delete()  # Wagtail deletes their files with them
            image.file.storage.delete(previous)
        prefix = "Dry run, nothing changed: " if options["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{cleaned} cleaned, {unreadable} not readable."))
