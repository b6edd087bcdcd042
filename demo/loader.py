"""Loads the demo catalogue: French originals published with a revision, English and Spanish
translations made through wagtail-localize. Anything already present is left as it is."""

import colorsys
import hashlib
import io
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.content import instance, pick, resolve
from localisation.structure import add_published, ensure_locales, ensure_translations, ensure_tree
from pages import registry
from snippets.seeding import ensure_taxonomy

from .organisations import ORGANISATIONS
from .stories import COLLECTIONS, HACKATHONS, PROJECTS, SUMMIT, USE_CASES
from .tools import TOOLS

DEMO_USERNAME = "toolbox-demo"


@dataclass
class Summary:
    pages_created: int = 0
    pages_present: int = 0
    translations_created: int = 0
    terms_created: int = 0
    logos_created: int = 0
    created: list = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.pages_created} pages created, {self.pages_present} already present; "
            f"{self.translations_created} translations created; {self.terms_created} taxonomy terms "
            f"created; {self.logos_created} logos created."
        )


def demo_user():
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"first_name": "OGP Toolbox", "last_name": "demo", "email": "demo@localhost"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def logo_png(name):
    """A square logo with the name's initials on a colour derived from the name."""
    digest = hashlib.sha256(name.encode()).digest()
    red, green, blue = colorsys.hls_to_rgb(digest[0] / 255, 0.32, 0.55)
    image = PILImage.new("RGB", (256, 256), (int(red * 255), int(green * 255), int(blue * 255)))
    initials = "".join(word[0] for word in name.replace(".", " ").split()[:2]).upper() or "?"
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=110)
    box = draw.textbbox((0, 0), initials, font=font)
    position = ((256 - (box[2] - box[0])) / 2 - box[0], (256 - (box[3] - box[1])) / 2 - box[1])
    draw.text(position, initials, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class DemoLoader:
    def __init__(self, user=None, log=print):
        self.user = user or demo_user()
        self.log = log
        self.summary = Summary()
        self.locales = {}
        self.terms = {}
        self.pages = {}

    def run(self):
        tree = ensure_tree(self.user)
        self.locales = ensure_locales()
        sections = tree[settings.LANGUAGE_CODE]
        # the demo uses the base taxonomy that bootstrap creates (and adds it if bootstrap never ran)
        self.summary.terms_created = sum(ensure_taxonomy(self.user).values())
        groups = [
            ("organisation", ORGANISATIONS),
            ("tool", TOOLS),
            ("use-case", USE_CASES),
            ("collection", COLLECTIONS),
            ("hackathon", HACKATHONS),
        ]
        for kind, entries in groups:
            section = sections[registry.get(kind).parent_model]
            for model, spec in entries:
                self.ensure_page(kind, section, model, spec)
        summit = self.pages[("hackathon", SUMMIT)]
        for model, spec in PROJECTS:
            self.ensure_page("project", summit, model, spec)
        return self.summary

    # --- references -----------------------------------------------------------------------------

    def lookup(self, kind, key):
        if kind == "logo":
            return self.logo(key)
        if (kind, key) in self.pages:
            return self.pages[(kind, key)]
        if (kind, key) not in self.terms:
            terms = apps.get_model("snippets", kind).objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            )
            # licences by SPDX id: a site made before the SPDX list may know AGPL-3.0-or-later as "agpl-3-0"
            lookup = {"spdx_id__iexact": key} if kind == "licence" else {"slug": key}
            self.terms[(kind, key)] = terms.filter(**lookup).order_by("pk").first() or terms.get(slug=key)
        return self.terms[(kind, key)]

    def logo(self, name):
        image_model = get_image_model()
        title = f"Logo — {name}"
        image = image_model.objects.filter(title=title).first()
        if image is None:
            slug = hashlib.sha1(name.encode()).hexdigest()[:10]
            image = image_model(title=title, description=title)
            image.file = ImageFile(io.BytesIO(logo_png(name)), name=f"logo-{slug}.png")
            image.save()
            self.summary.logos_created += 1
        return image

    # --- pages ----------------------------------------------------------------------------------

    @transaction.atomic
    def ensure_page(self, kind, parent, model, spec):
        # Wagtail re-indexes references after every row saved (each child row, each translation);
        # doing it once per page at the end divides the loading time by two.
        with disable_reference_index_auto_update():
            page = self.load_page(kind, parent, model, spec)
        for version in page.get_translations(inclusive=True).specific():
            ReferenceIndex.create_or_update_for_object(version)
        return page

    def load_page(self, kind, parent, model, spec):
        default_code = settings.LANGUAGE_CODE
        spec = resolve(spec, self.lookup)
        slug = pick(spec["slug"], default_code)
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = add_published(parent, instance(model, spec, default_code, locale=parent.locale), self.user)
            self.summary.pages_created += 1
            self.summary.created.append(page)
            self.log(f"  + {model._meta.verbose_name}: {page.title}")
        else:
            self.summary.pages_present += 1
        before = len(page.get_translations())
        ensure_translations(page, model, spec, self.locales, self.user)
        self.summary.translations_created += len(page.get_translations()) - before
        self.pages[(kind, slug)] = page
        return page
