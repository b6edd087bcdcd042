"""Images editors upload in the admin (cms/images.py), through Wagtail's own views: the single
upload, the multiple upload and the image chooser's upload.

A damaged image or a decompression bomb is a form error that says so, never an error page; an
original is stored without the EXIF (GPS position), XMP, IPTC and comments it came with, its
orientation applied, and its renditions carry none either.
"""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, ImageChops, ImageOps, ImageStat
from PIL import Image as Picture
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from tests.helpers.html import parse, text_of

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "Upload a valid image"  # Django's message, in the editor's language (English here)
TOO_MANY_PIXELS = "This file has too many pixels"


def drawn(size=(60, 40)):
    """A picture with something to see in it: a gradient, and a block in one corner."""
    image = Picture.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 30, 30), (0, 0, size[0] // 3, size[1] // 3))
    return image


def encoded(image, image_format, **options):
    output = io.BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


def png_declaring(width, height):
    """A small PNG whose header declares ``width`` by ``height`` pixels: a decompression bomb's header
    (its data, a few rows, would not fill the image)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit grey
    rows = zlib.compress(b"\x00" * ((width + 7) // 8 + 1) * 4)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


GIF = encoded(drawn(), "GIF")
PNG = encoded(drawn(), "PNG")
JPEG = encoded(drawn((400, 300)), "JPEG", quality=90)

HOSTILE = {
    # name: (file name, content, what the editor is told)
    "gif-cut-after-its-header": ("broken.gif", GIF[:13] + b"\x00" * 40, NOT_AN_IMAGE),
    "gif-scrambled-data": ("scrambled.gif", GIF[:30] + bytes(range(256)) * 2, NOT_AN_IMAGE),
    "png-truncated": ("truncated.png", PNG[: len(PNG) // 2], NOT_AN_IMAGE),
    "jpeg-truncated": ("truncated.jpg", JPEG[: len(JPEG) // 2], NOT_AN_IMAGE),
    # above Pillow's MAX_IMAGE_PIXELS (89 M), under Wagtail's limit (128 M): was decoded
    "bomb-100-megapixels": ("bomb.png", png_declaring(10_000, 10_000), TOO_MANY_PIXELS),
    # above twice Pillow's limit: Pillow refuses to open it
    "bomb-2500-megapixels": ("bomb.png", png_declaring(50_000, 50_000), TOO_MANY_PIXELS),
}


def root_collection():
    return Collection.get_first_root_node()


def errors_in(form):
    return " ".join(text_of(message) for message in form.select(".error-message"))


def upload_one(client, name, content):
    """The admin's "Add an image": ``(image or None, what the page says)``."""
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Téléversée",
            "collection": root_collection().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        return get_image_model().objects.get(title="Téléversée"), ""
    return None, errors_in(parse(response))


def upload_many(client, name, content):
    """The admin's multiple upload (one file of the batch)."""
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": root_collection().pk, "files[]": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    answer = response.json()
    if answer["success"]:
        return get_image_model().objects.get(pk=answer["image_id"]), ""
    return None, answer["error_message"]


def upload_in_chooser(client, name, content):
    """The image chooser's "Upload" tab, from a page's editor."""
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Téléversée",
            "image-chooser-upload-collection": root_collection().pk,
            "image-chooser-upload-file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    answer = response.json()
    if answer["step"] != "reshow_creation_form":
        return get_image_model().objects.get(title="Téléversée"), ""
    return None, errors_in(parse(answer["htmlFragment"]))


UPLOADS = {"single": upload_one, "multiple": upload_many, "chooser": upload_in_chooser}


@pytest.fixture
def editor_in_english(editor, client):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    return client


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_damaged_image_or_a_decompression_bomb_is_a_form_error(editor_in_english, upload):
    before = get_image_model().objects.count()

    for case, (name, content, message) in HOSTILE.items():
        image, said = UPLOADS[upload](editor_in_english, name, content)

        assert image is None, case
        assert message in said, case
    assert get_image_model().objects.count() == before


def photo_with_metadata():
    """A JPEG as a phone writes it: EXIF with the camera and the GPS position, an orientation (the
    phone was held upright: the picture is to be turned 90°), XMP, IPTC and a comment."""
    exif = Picture.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (2.0, 21.0, 7.0),
        }
    )
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>48,51.4N</exif:GPSLatitude></x:xmpmeta>'
    picture = drawn((120, 80))
    content = encoded(picture, "JPEG", quality=95, exif=exif, xmp=xmp, comment=b"taken at home")
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x5a\x00\x07Paris 6"
    app13 = b"\xff\xed" + struct.pack(">H", len(iptc) + 2) + iptc
    return picture, content[:2] + app13 + content[2:]  # after the start of image


def assert_without_metadata(content):
    for trace in (
        b"Exif\x00\x00",
        b"PhoneMaker",
        b"adobe:ns:meta",
        b"Photoshop 3.0",
        b"taken at home",
        b"Paris 6",
    ):
        assert trace not in content
    with Picture.open(io.BytesIO(content)) as stored:
        assert not stored.getexif()
        assert not {"exif", "xmp", "comment", "photoshop"} & set(stored.info)
        assert {name for name, _data in stored.applist} <= {"APP0", "APP2", "APP14"}


def stored(image):
    with image.file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_an_uploaded_photo_is_stored_without_its_metadata_and_turned_upright(editor_in_english, upload):
    picture, content = photo_with_metadata()
    assert b"PhoneMaker" in content and b"Photoshop 3.0" in content  # what the phone wrote

    image, said = UPLOADS[upload](editor_in_english, "holiday.jpg", content)

    assert said == ""
    original = stored(image)
    assert_without_metadata(original)
    # the orientation applied to the pixels, which are otherwise those of the photo
    assert (image.width, image.height) == (80, 120)
    upright = picture.transpose(Picture.Transpose.ROTATE_270)
    with Picture.open(io.BytesIO(original)) as kept:
        difference = ImageStat.Stat(ImageChops.difference(kept.convert("RGB"), upright)).mean
    assert max(difference) < 3
    assert image.file_size == len(original)
    # renditions are made from the original: nothing to copy into them
    rendition = image.get_rendition("width-40")
    with rendition.file.open("rb") as handle:
        assert_without_metadata(handle.read())


def test_an_image_without_metadata_is_stored_as_it_was_uploaded(editor_in_english):
    image, _said = upload_one(editor_in_english, "plain.png", PNG)

    assert stored(image) == PNG


def test_a_png_loses_its_text_and_exif_and_keeps_its_pixels(editor_in_english):
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Comment", "taken at home")
    text.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
    exif = Picture.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    content = encoded(drawn(), "PNG", pnginfo=text, exif=exif)

    image, _said = upload_one(editor_in_english, "screenshot.png", content)

    original = stored(image)
    for trace in (b"taken at home", b"adobe:ns:meta", b"PhoneMaker", b"eXIf", b"tEXt", b"iTXt"):
        assert trace not in original
    with Picture.open(io.BytesIO(original)) as kept:
        assert ImageChops.difference(kept.convert("RGB"), drawn()).getbbox() is None


def test_the_form_is_wagtails_own_with_the_checks_added():
    # the field Wagtail's factory makes is swapped in the form's __init__ (cms/images.py): the form
    # the views build still has Wagtail's field label, help text and file input
    from wagtail.images.fields import WagtailImageField
    from wagtail.images.forms import get_image_form

    from cms.images import ImageForm, ReadableImageField

    form = get_image_form(get_image_model())()

    assert isinstance(form, ImageForm)
    assert isinstance(form.fields["file"], ReadableImageField)
    assert form.fields["file"].help_text == WagtailImageField().help_text
    assert form.fields["file"].widget.attrs["data-controller"] == "w-sync"


def test_exif_transposition_is_what_a_browser_shows():
    # the check above compares with Pillow's own reading of the orientation
    picture, content = photo_with_metadata()
    with Picture.open(io.BytesIO(content)) as photo:
        shown = ImageOps.exif_transpose(photo)
    assert shown.size == (80, 120)
    assert (
        max(
            ImageStat.Stat(ImageChops.difference(shown, picture.transpose(Picture.Transpose.ROTATE_270))).mean
        )
        < 3
    )


def test_images_uploaded_before_are_cleaned_by_a_command():
    from django.core.files.images import ImageFile
    from django.core.management import call_command

    _picture, content = photo_with_metadata()
    image = get_image_model().objects.create(
        title="Avant", file=ImageFile(io.BytesIO(content), name="before.jpg"), collection=root_collection()
    )
    image._set_image_file_metadata()
    image.save()
    old_rendition = image.get_rendition("width-40")
    with old_rendition.file.open("rb") as handle:
        assert b"PhoneMaker" in handle.read()  # Willow copied the EXIF into it
    previous = image.file.name
    out = io.StringIO()

    call_command("strip_image_metadata", stdout=out)

    image.refresh_from_db()
    assert_without_metadata(stored(image))
    assert (image.width, image.height) == (80, 120)
    assert image.file_size == len(stored(image))
    assert not image.file.storage.exists(previous)
    assert not image.renditions.filter(pk=old_rendition.pk).exists()
    with image.get_rendition("width-40").file.open("rb") as handle:
        assert_without_metadata(handle.read())
    assert "1 cleaned, 0 not readable." in out.getvalue()
    # a second run finds nothing left to do
    call_command("strip_image_metadata", stdout=out)
    assert "0 cleaned" in out.getvalue().splitlines()[-1]
