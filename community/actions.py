"""Taking part: every journey as a plain function (views, the admin and tests call these).

Each function checks who may act, cleans what they typed, and logs the change in Wagtail's log
(``ModelLogEntry``), where a hidden item keeps its history.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from pages.relations import visible

from . import rules
from .models import (
    CONTEXT_LENGTH,
    REASON_LENGTH,
    TEXT_LENGTH,
    TITLE_LENGTH,
    Argument,
    Endorsement,
    Report,
    Stance,
    Vote,
)
from .participation import ARGUMENTS, takes
from .rules import Refused
from .text import clean_line, clean_text


def subject(page_id, part=ARGUMENTS):
    """The live public page of a type that takes ``part`` (arguments: a tool or a use case, as their
    types declare), or None."""
    page = visible(Page.objects.all()).filter(pk=page_id).select_related("locale", "content_type").first()
    if page is None or not takes(page.specific_class, part):
        return None
    return page.specific


# Arguments


def argue(user, page, stance, title, text, criterion=None, parent=None, language=None):
    """A new argument (or counter-argument when ``parent``), held for a moderator if the author is new.

    ``language``: the one it is written in, the site's language the author uses (the page's by default).
    """
    rules.require_member(user)
    if stance not in Stance.values:
        raise Refused(_("Choose for or against."), status=400)
    title, text = clean_line(title, TITLE_LENGTH), clean_text(text, TEXT_LENGTH)
    if not title or not text:
        raise Refused(_("An argument needs a title and a text."), status=400)
    if parent is not None:
        if parent.subject_key != page.translation_key or parent.status != Argument.Status.PUBLISHED:
            raise Refused(_("This argument cannot be answered."), status=404)
        if parent.parent_id is not None:
            raise Refused(_("Answers cannot be answered; answer the argument they answer."), status=400)
        criterion = parent.criterion
    elif criterion is not None and criterion.pk not in criteria_of(page):
        raise Refused(_("This page has no value for that criterion."), status=400)
    with rules.counted(user, "argument"):
        held = not rules.is_moderator(user) and (
            user.arguments.filter(status=Argument.Status.PUBLISHED).count() < rules.trusted_after()
        )
        argument = Argument.objects.create(
            page=page,
            subject_key=page.translation_key,
            criterion=criterion,
            parent=parent,
            stance=stance,
            title=title,
            text=text,
            language=language or page.locale.language_code,
            author=user,
            status=Argument.Status.HELD if held else Argument.Status.PUBLISHED,
        )
        log(argument, "community.argue", user=user)
    return argument


def criteria_of(page):
    """The ids of the technical criteria a tool has a value for (none for a use case)."""
    values = getattr(page, "criteria_values", None)
    return set(values.values_list("criterion_id", flat=True)) if values is not None else set()


def withdraw_argument(user, argument):
    if argument.author_id != user.pk:
        raise Refused(_("Only its author can withdraw an argument."))
    if argument.status in (Argument.Status.WITHDRAWN, Argument.Status.HIDDEN):
        return argument
    with rules.counted(user, "argument", refuse=False):
        argument.status = Argument.Status.WITHDRAWN
        argument.save(update_fields=["status", "updated_at"])
        log(argument, "community.withdraw", user=user)
    return argument


# Votes


def vote(user, item, value):
    """Set ``user``'s vote on an argument or an endorsement: +1, −1, or 0 to withdraw it.

    The unique constraint is the rule; ``update_or_create`` retries the read when a concurrent
    request created the row first, so a double click ends with one vote. Every call that gets this
    far is one action for the limit, a change or a withdrawal as much as a first vote.
    """
    rules.require_member(user)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise Refused(_("A vote is +1, −1 or withdrawn."), status=400) from None
    if value not in (1, -1, 0):
        raise Refused(_("A vote is +1, −1 or withdrawn."), status=400)
    target = _target(item)
    if not _is_public(item):
        raise Refused(_("This item is not shown any more."), status=404)
    if item.author_id == user.pk:
        raise Refused(_("You cannot vote on what you wrote."))
    with rules.counted(user, "vote"):
        if value == 0:
            Vote.objects.filter(user=user, **target).delete()
            return None
        for _attempt in range(3):
            try:  # update_or_create's own savepoint keeps this transaction usable after a conflict
                found, _created = Vote.objects.update_or_create(
                    user=user, **target, defaults={"value": value}
                )
                return found
            except IntegrityError:  # the other request's row was not yet visible; read it again
                continue
        raise Refused(_("Your vote could not be saved; please try again."), status=409)  # not counted


def _target(item):
    if isinstance(item, Argument):
        return {"argument": item}
    if isinstance(item, Endorsement):
        return {"endorsement": item}
    raise TypeError(item)


def _is_public(item):
    if isinstance(item, Argument):
        return item.status == Argument.Status.PUBLISHED and _page_is_public(item.page_id)
    return item.is_standing and _page_is_public(item.tool_id)


def _page_is_public(page_id):
    return visible(Page.objects.filter(pk=page_id)).exists()


# Reports and moderation


def may_report(user, item):
    """Refuse (4xx) unless ``user`` may report ``item``: the form is not offered otherwise either."""
    rules.require_member(user)
    if item.author_id == user.pk:
        raise Refused(_("You cannot report what you wrote; withdraw it instead."))


def report(user, item, reason):
    may_report(user, item)
    reason = clean_text(reason, REASON_LENGTH)
    if not reason:
        raise Refused(_("Say why it should be hidden."), status=400)
    if not _is_public(item):
        raise Refused(_("This item is not shown any more."), status=404)
    try:
        with rules.counted(user, "report"):
            found = Report.objects.create(reporter=user, reason=reason, **_target(item))
            log(item, "community.report", user=user, data={"reason": reason})
    except IntegrityError:
        raise Refused(_("You have already reported it; a moderator will look at it."), status=409) from None
    return found


def hide(moderator, item, comment=""):
    """Take an item off the site; it keeps its history, and its author is told nothing new."""
    _require_moderator(moderator)
    comment = clean_text(comment, REASON_LENGTH)
    with transaction.atomic():
        if isinstance(item, Argument):
            item.status = Argument.Status.HIDDEN
            item.save(update_fields=["status", "updated_at"])
        else:
            item.hidden_at = timezone.now()
            item.save(update_fields=["hidden_at"])
        _decide_reports(moderator, item, Report.Outcome.HIDDEN)
        log(item, "community.hide", user=moderator, data={"comment": comment})


def restore(moderator, item):
    _require_moderator(moderator)
    with transaction.atomic():
        if isinstance(item, Argument):
            item.status = Argument.Status.PUBLISHED
            item.save(update_fields=["status", "updated_at"])
        else:
            item.hidden_at = None
            item.save(update_fields=["hidden_at"])
        log(item, "community.restore", user=moderator)


def keep(moderator, item):
    """The reports were unfounded: the item stays, the reports are closed."""
    _require_moderator(moderator)
    with transaction.atomic():
        _decide_reports(moderator, item, Report.Outcome.KEPT)
        log(item, "community.keep", user=moderator)


def publish_held(moderator, argument):
    _require_moderator(moderator)
    if argument.status != Argument.Status.HELD:
        raise Refused(_("This argument is not waiting for a moderator."), status=409)
    argument.status = Argument.Status.PUBLISHED
    argument.save(update_fields=["status", "updated_at"])
    log(argument, "community.publish", user=moderator)


def _decide_reports(moderator, item, outcome):
    Report.objects.filter(outcome=Report.Outcome.OPEN, **_target(item)).update(
        outcome=outcome, decided_at=timezone.now(), decided_by=moderator
    )


def _require_moderator(user):
    if not rules.is_moderator(user):
        raise Refused(_("Only moderators can do this."))


# Endorsements


def endorse(user, tool, organisation=None, since_year=None, context="", use_case=None, language=None):
    """Declare that ``organisation`` (one of the user's) or the user uses ``tool``; sent to moderators."""
    rules.require_member(user)
    if (
        organisation is not None
        and not user.memberships.filter(organisation__translation_key=organisation.translation_key).exists()
    ):
        raise Refused(_("You can only speak for an organisation you belong to."))
    standing = Endorsement.objects.filter(subject_key=tool.translation_key, withdrawn_at__isnull=True)
    if organisation is not None:
        standing = standing.filter(organisation_key=organisation.translation_key)
    else:
        standing = standing.filter(author=user, organisation_key__isnull=True)
    if standing.exists():
        raise Refused(_("This use is already declared (or waiting for a moderator)."), status=409)
    endorsement = Endorsement(
        tool=tool,
        subject_key=tool.translation_key,
        author=user,
        organisation=organisation,
        since_year=since_year,
        context=clean_text(context, CONTEXT_LENGTH),
        use_case=use_case,
        language=language or tool.locale.language_code,
        live=False,
    )
    try:
        with rules.counted(user, "endorsement"):
            endorsement.save()
            endorsement.save_revision(user=user, log_action=True)
            workflow = endorsement.get_workflow()
            if workflow is None:  # bootstrap creates it; without it nothing could approve the declaration
                raise Refused(_("Endorsements cannot be moderated on this site yet."), status=503)
            workflow.start(endorsement, user)
    except IntegrityError:
        raise Refused(_("This use is already declared (or waiting for a moderator)."), status=409) from None
    return endorsement


def withdraw_endorsement(user, endorsement):
    if endorsement.author_id != user.pk:
        raise Refused(_("Only its author can withdraw an endorsement."))
    if endorsement.withdrawn_at is not None:
        return endorsement
    with rules.counted(user, "endorsement", refuse=False):
        workflow_state = endorsement.current_workflow_state
        if workflow_state is not None:
            workflow_state.cancel(user=user)
        endorsement.withdrawn_at = timezone.now()
        endorsement.save(update_fields=["withdrawn_at"])
        log(endorsement, "community.withdraw", user=user)
    return endorsement
