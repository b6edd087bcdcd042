"""Factories for pages placed in the bootstrapped locale trees (wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from pages.collections import CollectionIndexPage, CollectionPage
from pages.hackathons import HackathonIndexPage, HackathonPage, HackathonProjectPage
from pages.organisations import OrganisationIndexPage, OrganisationPage
from pages.tools import ToolIndexPage, ToolPage
from pages.use_cases import UseCaseIndexPage, UseCasePage


def section(model, language_code="fr"):
    """The section page (Outils, Cas d'usage…) of one locale tree."""
    return model.objects.get(locale=Locale.objects.get(language_code=language_code))


class CatalogPageFactory(wagtail_factories.PageFactory):
    summary = factory.Faker("sentence", locale="fr_FR")

    class Meta:
        abstract = True


class ToolPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Outil d'essai {n}")
    parent = factory.LazyFunction(lambda: section(ToolIndexPage))
    kind = "software"
    status = "active"

    class Meta:
        model = ToolPage


class UseCasePageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Cas d'usage d'essai {n}")
    parent = factory.LazyFunction(lambda: section(UseCaseIndexPage))
    objectives = "<p>Objectif d'essai.</p>"

    class Meta:
        model = UseCasePage


class OrganisationPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Organisation d'essai {n}")
    parent = factory.LazyFunction(lambda: section(OrganisationIndexPage))
    kind = "civil_society"

    class Meta:
        model = OrganisationPage


class CollectionPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Collection d'essai {n}")
    parent = factory.LazyFunction(lambda: section(CollectionIndexPage))

    class Meta:
        model = CollectionPage


class HackathonPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Hackathon d'essai {n}")
    parent = factory.LazyFunction(lambda: section(HackathonIndexPage))
    starts_on = datetime.date(2017, 3, 1)
    ends_on = datetime.date(2017, 3, 2)

    class Meta:
        model = HackathonPage


class HackathonProjectPageFactory(CatalogPageFactory):
    title = factory.Sequence(lambda n: f"Projet d'essai {n}")
    parent = factory.SubFactory(HackathonPageFactory)

    class Meta:
        model = HackathonProjectPage
