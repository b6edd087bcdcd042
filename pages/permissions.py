"""What a user may do with a page, as a feature decides it: Wagtail asks the page.

Every page model of the project mixes in ``InstalledPermissions``: its ``permissions_for_user``,
Wagtail's own extension point, answers with the tester class a feature installs when the project
starts (moderation: nothing is deleted without a moderator, ``moderation/deletion.py``), Wagtail's
own until then. The page models know no feature.
"""

from wagtail.models import PagePermissionTester

_installed = {"tester": PagePermissionTester}


def install_tester(tester_class):
    """Make ``tester_class`` (a ``PagePermissionTester``) answer for every page model of the project."""
    _installed["tester"] = tester_class


def installed_tester():
    return _installed["tester"]


class InstalledPermissions:
    """Mixed into every page model: Wagtail asks the page what a user may do with it."""

    def permissions_for_user(self, user):
        return _installed["tester"](user, self)
