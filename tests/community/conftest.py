import pytest

from community.models import Membership
from moderation import roles
from tests.factories import linked_catalogue
from tests.helpers.users import make_user


@pytest.fixture
def catalogue(db):
    """A tool, a use case and an organisation in fr, en and es (tests/factories.py)."""
    return linked_catalogue()


@pytest.fixture
def contributor(db):
    """An approved contributor (member of "Contributors")."""

    user = make_user("carla", roles.CONTRIBUTORS, last_name="Contributor")
    return user


@pytest.fixture
def trusted(settings):
    """New contributors' arguments are not held (``COMMUNITY_TRUSTED_AFTER = 0``)."""
    settings.COMMUNITY_TRUSTED_AFTER = 0


@pytest.fixture
def newcomer(db):
    return make_user("nina", roles.CONTRIBUTORS, last_name="Newcomer")


@pytest.fixture
def voters(db):
    return [make_user(f"voter{n}", roles.CONTRIBUTORS) for n in range(3)]


@pytest.fixture
def applicant(db):
    """Signed up, not yet approved: in no group."""
    return make_user("pat")


@pytest.fixture
def member_of(catalogue):
    def member(user, language="fr"):
        Membership.objects.create(user=user, organisation=catalogue["organisation"][language])
        return catalogue["organisation"][language]

    return member
