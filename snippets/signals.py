"""A term's translations follow the moderators' decision on its default-language version."""

from wagtail.models import Locale
from wagtail.signals import published

from .models import Term


def publish_translations(sender, instance, **kwargs):
    # Term.save keeps a translation a draft while its source is one: publish them together now
    if not isinstance(instance, Term) or instance.locale_id != Locale.get_default().pk:
        return
    user = kwargs.get("user")
    for version in instance.get_translations().filter(live=False):
        revision = version.latest_revision or version.save_revision(user=user, clean=False)
        revision.publish(user=user, skip_permission_checks=True)


def connect():
    published.connect(publish_translations, dispatch_uid="snippets-publish-translations")
