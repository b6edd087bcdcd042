"""Group, workflow and task names shown in the admin's language.

They are database rows that code and ``bootstrap`` find by their English name ("Editors",
"Moderation"…), and Wagtail prints ``group.name``, ``workflow.name`` and ``task.name`` in some thirty
templates and messages (the page status, the dashboard, workflow history, notification e-mails).
So the ``name`` attribute reads as ``moderation.roles.display_name`` in the active language (a
string that still equals the stored name), while what the database, forms and serializers get stays
the stored name: renaming nothing, copying no template.
"""

from django.contrib.auth.models import Group
from wagtail.models import Task, Workflow

from .roles import display_name


class TranslatedName(str):
    """A name as shown, which still equals (and hashes as) its stored name: code comparing
    ``workflow.name == roles.WORKFLOW`` or keying a dict by names keeps working."""

    def __new__(cls, shown, stored):
        name = super().__new__(cls, shown)
        name.stored = stored
        return name

    def __eq__(self, other):
        return str.__eq__(self, other) or other == self.stored

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self.stored)


class ShownName:
    """The ``name`` attribute: read translated, stored as given."""

    def __init__(self, field, deferred):
        self.attname = field.attname
        self.deferred = deferred  # Django's own descriptor, which loads a deferred name

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        if self.attname not in instance.__dict__:
            self.deferred.__get__(instance, cls)
        stored = instance.__dict__[self.attname]
        if not isinstance(stored, str):
            return stored
        shown = display_name(stored)
        return stored if shown == stored else TranslatedName(shown, stored)

    # a data descriptor (Django's is not), so that it is read even once the name is loaded
    def __set__(self, instance, value):
        instance.__dict__[self.attname] = value


def stored_name(field):
    """What the database, forms (initial values) and serializers read: the stored name."""

    def value_from_object(obj):
        if field.attname not in obj.__dict__:
            getattr(obj, field.attname)
        return obj.__dict__[field.attname]

    def pre_save(model_instance, add):
        return value_from_object(model_instance)

    return value_from_object, pre_save


def install():
    for model in (Group, Workflow, Task):
        field = model._meta.get_field("name")
        if isinstance(model.__dict__.get(field.attname), ShownName):
            continue
        descriptor = ShownName(field, model.__dict__[field.attname])
        setattr(model, field.attname, descriptor)
        field.value_from_object, field.pre_save = stored_name(field)
    # dumpdata --natural-foreign names a user's groups by their stored names, which loaddata looks up
    Group.natural_key = lambda group: (Group._meta.get_field("name").value_from_object(group),)
