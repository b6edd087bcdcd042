"""Django finds the page models here; each content family lives in its own module.

Importing them fills the registry of catalogue page types (``registry.py``).
"""

from .collections import CollectionIndexPage, CollectionItem, CollectionPage  # noqa: F401
from .hackathons import (  # noqa: F401
    HackathonCriterionLink,
    HackathonIndexPage,
    HackathonOrganiser,
    HackathonPage,
    HackathonProjectPage,
    ProjectOrganisation,
    ProjectProducedTool,
    ProjectReusedTool,
    ProjectScore,
)
from .home import HomePage  # noqa: F401
from .organisations import OrganisationIndexPage, OrganisationPage  # noqa: F401
from .tools import ToolCriterionValue, ToolIndexPage, ToolOrganisation, ToolPage, ToolScreenshot  # noqa: F401
from .use_cases import UseCaseIndexPage, UseCaseOrganisation, UseCasePage, UseCaseTool  # noqa: F401
