"""Every place the project changes or leans on upstream code's internals, in one module.

An upgrade of Django, Wagtail, wagtail-localize or django-tasks can change what is patched here
without a word in its release notes. So each entry of ``PATCHES`` says what it changes and why, where
the upstream code is, the versions it was checked against, and a fingerprint of that code (a hash
of its source): tests/core/test_compat.py fails, naming the entry to re-check, as soon as the
installed code differs. After checking it, update ``verified`` and ``fingerprint`` (the test's
message gives the new one).

Three kinds of entries:

* ``replaced``: an upstream attribute replaced at run time by ``install()`` (``CoreConfig.ready``);
* ``private``: a private attribute or method of an upstream object the project reads or calls, only
  through a function here;
* ``overridden``: upstream code the project subclasses or shadows at a place upstream did not mean
  as an extension point (a private method, the admin's addresses); the code stays where it is, the
  canary is here.

The core imports none of the project's apps: where a patch applies a project rule (who may publish,
which language an e-mail is in, how a group's name reads), the app that owns the rule hands it over
with ``provide(patch_name, function)`` in its ``ready()``; ``install()`` only puts the hook in place.
"""

import hashlib
import inspect
import pkgutil
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

DJANGO = {"Django": "5.2.19"}
WAGTAIL = {"Wagtail": "8.0.1"}
LOCALIZE = {"wagtail-localize": "1.14.5"}
TASKS = {"django-tasks": "0.12.0"}


@dataclass(frozen=True)
class Patch:
    name: str
    kind: str  # "replaced", "private" or "overridden" (see the module's docstring)
    targets: tuple  # dotted paths of the upstream code relied upon (fingerprinted)
    upstream: str  # where to read that code
    verified: dict  # distribution -> the version it was checked against
    fingerprint: str  # ``fingerprint(targets)`` at that version
    install: object = field(default=None, repr=False)  # replaces the upstream attribute (``replaced``)


def resolve(target):
    """The upstream object a dotted path names, as upstream wrote it (a replacement's original)."""
    return inspect.unwrap(pkgutil.resolve_name(target))


def fingerprint(targets):
    """A short hash of the source of ``targets``: changes whenever upstream changes that code."""
    digest = hashlib.sha256()
    for target in targets:
        digest.update(inspect.getsource(resolve(target)).encode())
    return digest.hexdigest()[:16]


# --- The project's rules, handed over by the apps that own them -----------------------------------

_provided = {}


def provide(patch_name, function):
    """Give the patch ``patch_name`` the project's rule it applies (called from an app's ``ready``)."""
    if patch_name not in {patch.name for patch in PATCHES}:
        raise ImproperlyConfigured(f"no upstream patch named {patch_name!r} in core/compat.py")
    _provided[patch_name] = function


def provided(patch_name):
    return _provided.get(patch_name)


# --- replaced: wagtail-localize's translation writes go through the publish guard ---------------

TRANSLATION_PUBLISH_GUARD = "translation publish guard"


def guard_translation_writes():
    """``TranslationSource.create_or_update_translation`` asks the publish guard first.

    Every wagtail-localize path that writes a translated page ("Sync translated pages" with "Publish
    immediately", "Convert to alias", submitting a live translation again…) goes through this method,
    and some of them check only the right to translate or to edit, not to publish. The rule is
    moderation/publishing.py's ``guard_translation`` (a publish by someone who may not publish becomes
    a draft sent to the moderators), called as ``guard(original, source, locale, user, publish,
    copy_parent_pages, fallback)``. Without it nothing is written: the guard missing must not mean
    publishing unchecked.
    """
    from wagtail_localize.models import TranslationSource

    original = TranslationSource.create_or_update_translation
    if hasattr(original, "__wrapped__"):
        return

    def create_or_update_translation(
        self, locale, user=None, publish=True, copy_parent_pages=False, fallback=False
    ):
        guard = provided(TRANSLATION_PUBLISH_GUARD)
        if guard is None:
            raise ImproperlyConfigured("wagtail-localize's translation writes have no publish guard")
        return guard(original, self, locale, user, publish, copy_parent_pages, fallback)

    create_or_update_translation.__wrapped__ = original
    TranslationSource.create_or_update_translation = create_or_update_translation


# --- replaced: a string missing from a catalogue shows in English, not in French ----------------

NO_DEFAULT_LANGUAGE_FALLBACK = "no default-language fallback"


def _no_default_language_fallback(self, localedirs=None):
    """Leave the catalogue without fallback: gettext then returns the (English) msgid."""


def drop_default_language_fallback():
    """``DjangoTranslation._add_fallback`` does nothing.

    Django gives every catalogue but the default language's a fallback: the catalogue of
    ``LANGUAGE_CODE``. Ours is French, the site's default content language, which Wagtail also reads
    (``Locale.get_default()``, the admin's "server language"), so it stays "fr". But then the Spanish
    admin shows French wherever Wagtail's Spanish catalogue lacks a string (hundreds, among them the
    moderation e-mails). The msgids are English: without that fallback a missing string shows in
    English, which more Spanish-speaking people read than French. Our own strings exist in every
    language (tests/cms/test_catalogues.py), so visitors see no change. ``_add_fallback`` is the one
    place Django chains that catalogue, for the "django" and "djangojs" domains alike.
    """
    from django.utils.translation import trans_real

    if hasattr(trans_real.DjangoTranslation._add_fallback, "__wrapped__"):
        return
    _no_default_language_fallback.__wrapped__ = trans_real.DjangoTranslation._add_fallback
    trans_real.DjangoTranslation._add_fallback = _no_default_language_fallback
    # catalogues loaded before this ran (none, normally) would keep the French fallback
    trans_real._translations = {}
    trans_real._default = None


# --- replaced: group, workflow and task names read in the admin's language ----------------------

DISPLAYED_NAMES = "displayed names"


class DisplayedName(str):
    """A stored name that prints in the admin's language.

    Its value is the stored name: the database, lookups (``Group.objects.get(name=group.name)``),
    comparisons, hashing, JSON and concatenation all see "Translators (es)". Printing it (``str()``,
    templates, ``%s``, f-strings) gives the display name in the language active at that moment,
    from the rule handed over as ``DISPLAYED_NAMES`` (moderation.roles.display_name).
    """

    __slots__ = ()

    def __str__(self):
        stored = str.__str__(self)
        display = provided(DISPLAYED_NAMES)
        return display(stored) if display is not None else stored

    def __format__(self, spec):
        return format(str(self), spec)

    def __reduce__(self):  # pickled, copied: the stored name, a plain string
        return (str, (str.__str__(self),))


def stored(value):
    """A plain string of what is stored (a ``DisplayedName``'s value), anything else unchanged."""
    return str.__str__(value) if isinstance(value, DisplayedName) else value


class DisplayedNameAttribute:
    """The model's ``name`` attribute: reads as a ``DisplayedName``, stored as given."""

    def __init__(self, attname, deferred):
        self.attname = attname
        self.deferred = deferred  # Django's own descriptor, which loads a deferred name

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        if self.attname not in instance.__dict__:
            self.deferred.__get__(instance, cls)
        value = instance.__dict__[self.attname]
        return DisplayedName(value) if isinstance(value, str) else value

    # a data descriptor (Django's is not), so that it is read even once the name is loaded
    def __set__(self, instance, value):
        instance.__dict__[self.attname] = stored(value)


def display_names_in_admin_language():
    """``Group.name``, ``Workflow.name`` and ``Task.name`` read as a ``DisplayedName``.

    These rows are found by code and ``bootstrap`` by their English names ("Editors", "Moderation"),
    and Wagtail prints ``group.name``, ``workflow.name`` and ``task.name`` in some thirty templates
    and messages (the group list, the page status, workflow screens and history, the notification
    e-mails). Printing translates; the value stays the stored name, so no code that looks a row up by
    the name it read is fooled. Two field methods give plain stored strings: ``value_from_object``
    (a form's initial value: a widget prints it with ``str()``, and saving the form would rename the
    row to its translation) and ``get_prep_value`` (what reaches the database driver).
    """
    from django.contrib.auth.models import Group
    from wagtail.models import Task, Workflow

    for model in (Group, Workflow, Task):
        name = model._meta.get_field("name")
        if isinstance(model.__dict__.get(name.attname), DisplayedNameAttribute):
            continue
        setattr(model, name.attname, DisplayedNameAttribute(name.attname, model.__dict__[name.attname]))
        value_from_object, get_prep_value = name.value_from_object, name.get_prep_value
        name.value_from_object = lambda obj, read=value_from_object: stored(read(obj))
        name.get_prep_value = lambda value, prepare=get_prep_value: stored(prepare(value))


# --- replaced: Wagtail's e-mails render in their recipient's language ---------------------------

MAIL_RENDERING = "mail rendering"


def render_wagtail_mail(template_name, context=None, request=None, using=None):
    from django.template.loader import render_to_string

    render = provided(MAIL_RENDERING) or render_to_string
    return render(template_name, context, request, using)


def render_wagtail_mail_for_recipients():
    """``wagtail.admin.mail.render_to_string`` is the rule of localisation/mail.py.

    Wagtail's moderation e-mails render their subject and text in the recipient's
    ``get_preferred_language()``, which without a preference is the *sender's* active language, and
    render the HTML part outside that, in the sender's language, whoever receives it. Every template
    there is rendered with the recipient as ``user`` in its context: the rule
    (``render_for_recipient``) renders all three parts in the recipient's language, text parts
    unescaped.
    """
    from django.template.loader import render_to_string
    from wagtail.admin import mail

    if mail.render_to_string is not render_wagtail_mail:
        render_wagtail_mail.__wrapped__ = render_to_string
        mail.render_to_string = render_wagtail_mail


# --- private: what the project reads or calls inside upstream objects ---------------------------


def hand_route_to_wagtail(request, site, route):
    """Give Wagtail's serve view the site and route found for ``request`` (pages/routing.py).

    ``Site.find_for_request`` and ``Page.route_for_request`` keep what they find on the request
    (``_wagtail_site``, ``_wagtail_route_for_request``) and read it back before looking anything up;
    setting them spares the two queries per tree level Wagtail's routing costs.
    """
    request._wagtail_site = site
    request._wagtail_route_for_request = route


def refresh_image_file_metadata(image):
    """Wagtail's file size and hash of an image whose file was replaced (strip_image_metadata).

    The hash is what Wagtail's duplicate-upload check compares; the method that sets both is private
    (``AbstractImage._set_image_file_metadata``), called by Wagtail's own upload forms.
    """
    image._set_image_file_metadata()


PATCHES = [
    Patch(
        TRANSLATION_PUBLISH_GUARD,
        "replaced",
        ("wagtail_localize.models.TranslationSource.create_or_update_translation",),
        "https://github.com/wagtail/wagtail-localize/blob/v1.14.5/wagtail_localize/models.py",
        LOCALIZE,
        "4c68c20a8ba2648b",
        guard_translation_writes,
    ),
    Patch(
        NO_DEFAULT_LANGUAGE_FALLBACK,
        "replaced",
        (
            "django.utils.translation.trans_real.DjangoTranslation.__init__",
            "django.utils.translation.trans_real.DjangoTranslation._add_fallback",
            "django.utils.translation.trans_real.translation",
        ),
        "https://github.com/django/django/blob/stable/5.2.x/django/utils/translation/trans_real.py",
        DJANGO,
        "74682419ad879c4c",
        drop_default_language_fallback,
    ),
    Patch(
        DISPLAYED_NAMES,
        "replaced",
        (
            "django.db.models.query_utils.DeferredAttribute",
            "django.db.models.fields.Field.value_from_object",
            "django.db.models.fields.CharField.get_prep_value",
            "django.forms.models.model_to_dict",
            "django.template.base.render_value_in_context",
        ),
        "https://github.com/django/django/blob/stable/5.2.x/django/db/models/query_utils.py",
        DJANGO | WAGTAIL,
        "711e078053bc8ae1",
        display_names_in_admin_language,
    ),
    Patch(
        MAIL_RENDERING,
        "replaced",
        ("wagtail.admin.mail",),
        "https://github.com/wagtail/wagtail/blob/v8.0.1/wagtail/admin/mail.py",
        WAGTAIL,
        "1baeb1f750d59eb8",
        render_wagtail_mail_for_recipients,
    ),
    Patch(
        "Wagtail's route kept on the request",
        "private",
        ("wagtail.models.Site.find_for_request", "wagtail.models.Page.route_for_request"),
        "https://github.com/wagtail/wagtail/blob/v8.0.1/wagtail/models/sites.py",
        WAGTAIL,
        "f1d5f351611f0b31",
    ),
    Patch(
        "image file size and hash",
        "private",
        ("wagtail.images.models.AbstractImage._set_image_file_metadata",),
        "https://github.com/wagtail/wagtail/blob/v8.0.1/wagtail/images/models.py",
        WAGTAIL,
        "8d9a44ae27b8a0a9",
    ),
    Patch(
        # cms/task_backends.py: ThreadPoolBackend runs a task as ImmediateBackend does, after the commit
        "background tasks after the commit",
        "overridden",
        (
            "django_tasks.backends.immediate.ImmediateBackend.enqueue",
            "django_tasks.backends.immediate.ImmediateBackend._execute_task",
        ),
        "https://github.com/RealOrangeOne/django-tasks/blob/0.12.0/django_tasks/backends/immediate.py",
        TASKS,
        "587ae01de3f5644f",
    ),
    Patch(
        # access/admin_urls.py: three admin addresses answered by subclasses of Wagtail's views
        # (access/admin_pages.py), which show only the pages one may read
        "replaced admin addresses",
        "overridden",
        (
            "wagtail.admin.views.chooser.BrowseView",
            "wagtail.admin.views.chooser.ChosenMultipleView",
            "wagtail.admin.views.reports.page_types_usage.PageTypesUsageReportView",
            "wagtail.admin.urls",
        ),
        "https://github.com/wagtail/wagtail/blob/v8.0.1/wagtail/admin/urls/__init__.py",
        WAGTAIL,
        "d649691fbb5a353b",
    ),
]


def install():
    """Put every ``replaced`` patch in place (``CoreConfig.ready``); running it again changes nothing."""
    for patch in PATCHES:
        if patch.install is not None:
            patch.install()
