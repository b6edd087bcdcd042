"""Images uploaded in the admin: refused with a form error when they cannot be read, and stored
without the metadata that came with them.

``WAGTAILIMAGES_IMAGE_FORM_BASE`` names ``ImageForm``: Wagtail builds every image upload form
from it (adding an image, the multiple upload, the image chooser's upload, replacing an image's
file), so both rules hold wherever an editor uploads.

* Wagtail's field reads only the file's first bytes to recognise it; the rest is decoded (Willow
  loads the whole image) while it counts pixels, and a GIF, PNG or JPEG damaged after its header
  raised Pillow's ``OSError`` there: an error page. ``ReadableImageField`` reads the declared size
  from the header first, so that a "decompression bomb" (a small file declaring a huge image) is
  refused before anything is decoded, and turns whatever Pillow raises on a damaged image into the
  form's "not a valid image" error.
* A photo carries EXIF (the camera, often the GPS position where it was taken), XMP, IPTC and
  comments, and originals are served as they were uploaded; renditions copy the EXIF too (Willow
  passes it on). ``without_metadata`` writes the image again with its pixels only (its colour
  profile kept), the EXIF orientation applied to them; a file that carries nothing else is kept
  byte for byte.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# what Pillow reports of a file that is about drawing it (colour, density, animation), not about
# where, when or by whom it was made: a file whose information holds only these is kept as it is
DRAWING_INFORMATION = {
    "adobe",
    "adobe_transform",
    "aspect",
    "background",
    "blend",
    "chromaticity",
    "disposal",
    "dpi",
    "duration",
    "gamma",
    "icc_profile",
    "interlace",
    "jfif",
    "jfif_density",
    "jfif_unit",
    "jfif_version",
    "loop",
    "progression",
    "progressive",
    "srgb",
    "transparency",
    "version",
}
# the JPEG segments that draw the image: JFIF (APP0), the colour profile (APP2), Adobe's colour
# transform (APP14); APP1 holds EXIF and XMP, APP13 IPTC, the others makers' notes
DRAWING_SEGMENTS = {"APP0", "APP2", "APP14"}


class ReadableImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        self._check_declared_size(f)
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # (Pillow's decoders raise OSError, SyntaxError, ValueError…)
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error

    def _check_declared_size(self, f):
        # Pillow opens lazily: the header gives the size before a pixel is decoded. Above Pillow's own
        # MAX_IMAGE_PIXELS it only warns and decodes anyway (up to twice that: hundreds of MB)
        limit = min(self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS, PILImage.MAX_IMAGE_PIXELS)
        source = f.image.f
        source.seek(0)
        try:
            with PILImage.open(source) as image:
                width, height = image.size
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            # over twice Pillow's limit (or over it, where warnings are made errors)
            width, height = limit + 1, 1
        except Exception:  # (not one of Pillow's formats: Willow reads it, or refuses it)
            return
        finally:
            source.seek(0)
        if width * height > limit:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": width * height, "max_pixels_count": limit},
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    """Wagtail's image form, with ``ReadableImageField`` and originals stored without metadata."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, ReadableImageField):
            # Wagtail's form factory makes the field itself (``formfield_for_dbfield``), and takes no
            # field class from a base form: it is replaced here, with the same label and widget
            self.fields["file"] = ReadableImageField(
                label=field.label, required=field.required, widget=field.widget
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # not the image's current file, kept as it is
            try:
                strip_metadata(file)
            except Exception as error:  # (an image Willow reads and Pillow cannot write again)
                raise ValidationError(self.fields["file"].error_messages["invalid_image"]) from error
        return file


def strip_metadata(upload):
    """Rewrite ``upload`` (a file being uploaded) without its metadata, in place: the multiple upload
    keeps the request's own file when another field than the file is refused, and makes the image
    from it later."""
    upload.seek(0)
    cleaned = without_metadata(upload.read())
    if cleaned is not None:
        upload.seek(0)
        upload.truncate()
        upload.write(cleaned)
        upload.size = len(cleaned)
    upload.seek(0)


def without_metadata(data):
    """The image ``data`` (bytes) written again without its metadata, or None when it has none."""
    with PILImage.open(io.BytesIO(data)) as image:
        orientation = image.getexif().get(0x0112, 1)
        if not _has_metadata(image) and orientation == 1:
            return None
        return _pixels_only(image)


def _has_metadata(image):
    if set(image.info) - DRAWING_INFORMATION:
        return True
    if image.format == "PNG":
        image.load()  # text chunks may follow the pixels
        return bool(image.text) or bool(set(image.info) - DRAWING_INFORMATION)
    if image.format in ("JPEG", "MPO"):
        return any(name not in DRAWING_SEGMENTS for name, _content in image.applist)
    return False


def _pixels_only(image):
    """``image`` in its own format, its orientation applied, with what draws it and nothing else."""
    output = io.BytesIO()
    options = {
        name: image.info[name]
        for name in ("icc_profile", "dpi", "transparency", "loop")
        if name in image.info
    }
    frames = getattr(image, "n_frames", 1)
    if image.format in ("JPEG", "MPO"):
        # the file's own quantisation tables and chroma subsampling: the pixels as they were, to
        # the precision of JPEG itself. An MPO's other pictures (depth maps, previews) carry
        # their own EXIF: only the main one is kept
        upright = ImageOps.exif_transpose(image)
        upright.save(
            output,
            "JPEG",
            qtables=image.quantization,
            subsampling=JpegImagePlugin.get_sampling(image),
            progressive=bool(image.info.get("progressive")),
            comment=b"",
            **options,
        )
    elif frames > 1:
        # an animation keeps every frame and its timing; an EXIF orientation is not applied to it
        # (no browser applies one to an animation)
        image.save(output, image.format, save_all=True, **_format_options(image.format), **options)
    else:
        upright = ImageOps.exif_transpose(image)
        upright.save(output, image.format, **_format_options(image.format), **options)
    return output.getvalue()


def _format_options(image_format):
    # formats that may be lossy are written at their lossless setting: the pixels stay as they are;
    # Pillow writes a GIF's comment again unless told to write none
    return {"WEBP": {"lossless": True}, "AVIF": {"quality": 100}, "GIF": {"comment": b""}}.get(
        image_format, {}
    )
