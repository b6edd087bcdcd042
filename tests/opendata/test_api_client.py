"""A client generated from the live OpenAPI document parses every API answer.

datamodel-code-generator writes pydantic classes from ``/api/openapi.json`` (offline, in a temporary
folder), forbidding fields the document does not declare; each answer of the API (lists per type
and language, the combined list, single entries, errors) must parse into its class. Every type has
an entry with every field filled and one left empty, so that a field the document says is a string
but a record gives as null (or the other way round) is found.
"""

import datetime
import importlib.util
import sys

import pytest
from datamodel_code_generator import (
    DataModelType,
    Formatter,
    InputFileType,
    LiteralType,
    PythonVersion,
    generate,
)
from wagtail.rich_text import RichText

from core.content import Texts
from pages import registry
from pages.collections import CollectionPage
from pages.hackathons import HackathonPage, HackathonProjectPage
from pages.organisations import OrganisationIndexPage, OrganisationPage
from pages.tools import ToolPage
from pages.use_cases import UseCasePage
from snippets.models import Audience, Category, HackathonCriterion, Licence, TechnicalCriterion, Topic
from tests.factories import LANGUAGES, paragraph, published, section, term, tool

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def client_module(tmp_path_factory, django_db_blocker):
    """The classes a client generator makes of the live OpenAPI document, as an imported module."""
    from django.test import Client

    with django_db_blocker.unblock():
        document = Client().get("/api/openapi.json").content.decode()
    output = tmp_path_factory.mktemp("client") / "ogp_toolbox_client.py"
    generate(
        document,
        input_file_type=InputFileType.OpenAPI,
        output=output,
        output_model_type=DataModelType.PydanticV2BaseModel,
        extra_fields="forbid",  # a field the document does not declare fails the parse
        enum_field_as_literal=LiteralType.All,
        target_python_version=PythonVersion.PY_311,
        disable_timestamp=True,
        formatters=[Formatter.BUILTIN],
    )
    spec = importlib.util.spec_from_file_location("ogp_toolbox_client", output)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the classes' forward references there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def class_name(key):
    return "".join(part.capitalize() for part in key.split("-"))


def terms():
    return {
        "licence": term(Licence, "licence-client", "Licence client", spdx_id="MIT", is_open_source=True),
        "category": term(Category, "categorie-client", Texts("Catégorie", "Category", "Categoría")),
        "topic": term(Topic, "theme-client", Texts("Thème", "Topic", "Tema")),
        "audience": term(Audience, "public-client", Texts("Public", "Audience", "Público")),
        "criterion": term(TechnicalCriterion, "critere-client", Texts("Critère", "Criterion", "Criterio")),
        "hackathon_criterion": term(
            HackathonCriterion, "jury-client", Texts("Impact", "Impact", "Impacto"), position=1
        ),
    }


def html(fr, en, es):
    return Texts(f"<p>{fr}</p>", f"<p>{en}</p>", f"<p>{es}</p>")


def harvested(*pages):
    """The pages' sources (every language) and their origin: what a harvest from another OGP Toolbox
    records (harvest/)."""
    from django.utils import timezone

    from harvest.models import Listing, Provenance, Source

    source = Source.objects.create(
        name="Autre Toolbox",
        kind="toolbox",
        address="https://other.example.org/",
        data_licence="Licence Ouverte 2.0",
        attribution="Autre Toolbox, ses contributeurs",
    )
    now = timezone.now()
    for page in pages:
        Listing.objects.create(
            source=source,
            ref=str(page.translation_key),
            entry_type="tool" if isinstance(page, ToolPage) else "organisation",
            translation_key=page.translation_key,
            last_seen=now,
            origin="https://first.example.net",
        )
        for language in LANGUAGES:
            Provenance.objects.create(
                translation_key=page.translation_key,
                language=language,
                field="title",
                source=source,
                value=page.title,
                harvested_at=now,
                published=True,
            )


def checked(page):
    """The vitality the link and repository checks give every language version of ``page`` (vitality/)."""
    from django.utils import timezone

    from vitality.models import Vitality

    for version in page.get_translations(inclusive=True):
        Vitality.objects.create(
            page=version,
            score=80,
            band="active",
            facts={"website": {"state": "answers"}},
            checked_at=timezone.now(),
        )


def full_catalogue():
    """One entry of each type with every field of its record filled; returns {type key: French page}."""
    t = {name: versions["fr"] for name, versions in terms().items()}
    organisation = published(
        OrganisationPage,
        {
            "title": "Fondation Plein",
            "slug": "fondation-plein",
            "summary": "Une fondation.",
            "kind": "civil_society",
            "country": "FR",
            "website": "https://plein.example.org/",
            "description": [paragraph("Décrite.", "Described.", "Descrita.")],
        },
    )["fr"]
    full_tool = published(
        ToolPage,
        {
            "title": "Outil Plein",
            "slug": "outil-plein",
            "summary": "Un outil.",
            "kind": "online_service",
            "status": "unmaintained",
            "description": [paragraph("Décrit.", "Described.", "Descrito.")],
            "website": "https://outil.example.org/",
            "source_code_url": "https://code.example.org/outil",
            "licence": t["licence"],
            "interface_languages": ["fr", "es"],
            "countries": ["FR", "AR"],
            "categories": [t["category"]],
            "topics": [t["topic"]],
            "organisation_links": [{"organisation": organisation, "role": "funder"}],
            "criteria_values": [
                {"criterion": t["criterion"], "assessment": "partial", "detail": "En partie"}
            ],
        },
    )["fr"]
    use_case = published(
        UseCasePage,
        {
            "title": "Cas Plein",
            "slug": "cas-plein",
            "summary": "Un cas.",
            **{
                name: html(name, name, name)
                for name in ("objectives", "users", "services", "outcomes", "lessons")
            },
            "body": [paragraph("Récit.", "Narrative.", "Relato.")],
            "countries": ["SN"],
            "government_level": "local",
            "started_on": datetime.date(2016, 1, 1),
            "ended_on": datetime.date(2016, 6, 30),
            "audiences": [t["audience"]],
            "topics": [t["topic"]],
            "tool_links": [{"tool": full_tool, "role": "Le cœur"}],
            "organisation_links": [{"organisation": organisation, "role": "lead"}],
        },
    )["fr"]
    collection = published(
        CollectionPage,
        {
            "title": "Collection Pleine",
            "slug": "collection-pleine",
            "summary": "Une collection.",
            "introduction": html("Intro", "Intro", "Intro"),
            "curator": organisation,
            "featured": True,
            "topics": [t["topic"]],
            "items": [{"tool": full_tool, "note": "À essayer"}],
        },
    )["fr"]
    hackathon = published(
        HackathonPage,
        {
            "title": "Hackathon Plein",
            "slug": "hackathon-plein",
            "summary": "Un hackathon.",
            "starts_on": datetime.date(2016, 12, 7),
            "ends_on": datetime.date(2016, 12, 9),
            "venue": "Palais",
            "address": "1 rue de l'Essai",
            "city": "Paris",
            "country": "FR",
            "website": "https://hack.example.org/",
            "description": [paragraph("Un événement.", "An event.", "Un evento.")],
            "programme": [
                (
                    "item",
                    {
                        "day": datetime.date(2016, 12, 7),
                        "time": datetime.time(9, 30),
                        "title": "Ouverture",
                        "description": "Accueil",
                    },
                )
            ],
            "organisers": [{"organisation": organisation}],
            "criteria": [{"criterion": t["hackathon_criterion"]}],
        },
    )["fr"]
    project = published(
        HackathonProjectPage,
        {
            "title": "Projet Plein",
            "slug": "projet-plein",
            "summary": "Un projet.",
            "challenge": html("Défi", "Challenge", "Reto"),
            "team": [("member", {"name": "Ada", "role": "code", "affiliation": "Fondation"})],
            "countries": ["FR"],
            "progress_log": [("entry", {"date": datetime.date(2016, 12, 8), "text": "Prototype"})],
            "links": [("link", {"kind": "demo", "url": "https://demo.example.org/", "label": "Démo"})],
            "distinction": "mention",
            "next_steps": html("Suite", "Next", "Después"),
            "reused_tools": [{"tool": full_tool, "note": "Le moteur"}],
            "produced_tools": [{"tool": full_tool, "note": "Une extension"}],
            "organisations": [{"organisation": organisation}],
            "scores": [
                {
                    "criterion": t["hackathon_criterion"],
                    "self_assessment": 4,
                    "jury_score": 3,
                    "comment": "Bien",
                }
            ],
        },
        parent=hackathon,
    )["fr"]
    community(full_tool, use_case, organisation)
    harvested(full_tool, organisation)
    checked(full_tool)
    return {
        "tool": full_tool,
        "use-case": use_case,
        "organisation": organisation,
        "collection": collection,
        "hackathon": hackathon,
        "project": project,
    }


def community(tool, use_case, organisation):
    """What one entry's endpoint adds: an argument on the tool and the use case, a declared use."""
    from community.models import Argument, Endorsement
    from tests.helpers.users import make_user

    author = make_user("plein")
    for page in (tool, use_case):
        Argument.objects.create(
            page=page, author=author, stance="for", title="Utile", text="Oui.", language="fr"
        )
    Endorsement.objects.create(tool=tool, author=author, organisation=organisation, language="fr", live=True)


def empty_catalogue():
    """One entry of each type with only what its form requires; the collection's curator is an
    organisation visitors cannot see (a draft), so the record names none."""
    draft = OrganisationPage(title="Organisation brouillon", slug="organisation-brouillon", kind="company")
    draft.live = False
    section(OrganisationIndexPage).add_child(instance=draft)
    hackathon = published(
        HackathonPage,
        {
            "title": "Hackathon Vide",
            "slug": "hackathon-vide",
            "starts_on": datetime.date(2017, 1, 1),
            "ends_on": datetime.date(2017, 1, 1),
        },
    )["fr"]
    pages = {
        "tool": published(ToolPage, {"title": "Outil Vide", "slug": "outil-vide"})["fr"],
        "use-case": published(UseCasePage, {"title": "Cas Vide", "slug": "cas-vide"})["fr"],
        "organisation": published(
            OrganisationPage, {"title": "Organisation Vide", "slug": "organisation-vide", "kind": "company"}
        )["fr"],
        "collection": published(
            CollectionPage, {"title": "Collection Vide", "slug": "collection-vide", "curator": draft}
        )["fr"],
        "hackathon": hackathon,
        "project": published(
            HackathonProjectPage, {"title": "Projet Vide", "slug": "projet-vide"}, parent=hackathon
        )["fr"],
    }
    return pages


@pytest.fixture
def catalogue():
    return {"full": full_catalogue(), "empty": empty_catalogue()}


def answers(client, path, **params):
    """Every page of a list, following ``next``; yields the parsed JSON of each."""
    response = client.get(path, {"page_size": 100, **params})
    while True:
        assert response.status_code == 200, response.content[:300]
        data = response.json()
        yield data
        if not data["next"]:
            return
        response = client.get(data["next"])


@pytest.mark.slow  # generates the API client's classes from the schema
def test_every_list_parses_into_the_classes_of_its_types(client, client_module, catalogue):
    for page_type in registry.page_types():
        name = class_name(page_type.key)
        answer_class = getattr(client_module, f"{name}List")
        record_class = getattr(client_module, name)
        for language in LANGUAGES:
            parsed = [
                answer_class.model_validate(data)
                for data in answers(client, f"/api/v1/{page_type.plural}", language=language)
            ]
            results = [entry for answer in parsed for entry in answer.results]
            assert all(type(entry) is record_class for entry in results)
            assert {entry.language for entry in results} == {language}
            keys = {str(entry.translation_key) for entry in results}
            for kind in ("full", "empty"):
                assert str(catalogue[kind][page_type.key].translation_key) in keys, (page_type.key, kind)

    # the combined list, whole and by type: each entry is an instance of its type's class
    for language in LANGUAGES:
        seen = set()
        for data in answers(client, "/api/v1/entries", language=language):
            for entry in client_module.EntryList.model_validate(data).results:
                assert type(entry.root).__name__ == class_name(entry.root.type)
                seen.add(entry.root.type)
        assert seen == set(registry.keys())
        for key in seen:
            for data in answers(client, "/api/v1/entries", language=language, type=key):
                results = client_module.EntryList.model_validate(data).results
                assert {entry.root.type for entry in results} == {key}


@pytest.mark.slow  # generates the API client's classes from the schema
def test_single_entries_parse_full_or_empty(client, client_module, catalogue):
    for kind, pages in catalogue.items():
        for key, page in pages.items():
            for language in LANGUAGES:
                response = client.get(f"/api/v1/entries/{page.translation_key}", {"language": language})
                assert response.status_code == 200
                entry = client_module.Entry.model_validate(response.json()).root
                assert type(entry).__name__ == class_name(key)
                if kind == "full":
                    # the test data really fills every field (a new field must be added above)
                    empty = {
                        name
                        for name, value in entry
                        if value in (None, "", []) and not (name == "parent" and key != "project")
                    }
                    assert not empty, (key, empty)

    # what an empty field is: null, "" or [] as the document says
    pages = catalogue["empty"]
    get = client_module.Entry.model_validate

    tool_entry = get(client.get(f"/api/v1/entries/{pages['tool'].translation_key}").json()).root
    assert tool_entry.licence is None and tool_entry.categories == [] and tool_entry.website == ""
    use_case = get(client.get(f"/api/v1/entries/{pages['use-case'].translation_key}").json()).root
    assert use_case.started_on is None and use_case.government_level == ""
    organisation = get(client.get(f"/api/v1/entries/{pages['organisation'].translation_key}").json()).root
    assert organisation.country is None
    collection = get(client.get(f"/api/v1/entries/{pages['collection'].translation_key}").json()).root
    assert collection.curator is None  # a draft organisation is not named


def test_error_answers_parse_as_errors(client, client_module):
    some_key = "0f0f0f0f-0000-4000-8000-000000000000"
    cases = [
        ("/api/v1/entries", {"language": "de"}, 400),
        ("/api/v1/entries", {"page_size": "1000"}, 400),
        ("/api/v1/tools", {"since": "yesterday"}, 400),
        ("/api/v1/use-cases", {"country": "france"}, 400),
        (f"/api/v1/entries/{some_key}", {}, 404),
        (f"/api/v1/entries/{some_key}", {"language": "xx"}, 400),
    ]
    for path, params, status in cases:
        response = client.get(path, params)
        assert response.status_code == status
        error = client_module.Error.model_validate(response.json())
        assert error.error


def test_a_type_endpoint_has_only_the_filters_of_its_type(client):
    # a use case has no tool category
    document = client.get("/api/openapi.json").json()
    names = {parameter["name"] for parameter in document["paths"]["/api/v1/use-cases"]["get"]["parameters"]}
    assert "category" not in names and "type" not in names and "country" in names


def test_block_ids_are_kept(client, client_module):
    page = tool("Outil Blocs")
    page.description = [("paragraph", RichText("<p>Un.</p>"))]
    page.save_revision().publish()
    entry = client_module.Entry.model_validate(client.get(f"/api/v1/entries/{page.translation_key}").json())
    assert entry.root.description[0].type == "paragraph" and entry.root.description[0].id
