"""A tool's vitality: a score from 0 to 100, its band, and the facts that explain it.

The same rules for every tool, declared once here (``RULES``, ``CAPS``, ``BANDS``) and read by the
score, by the public page that explains it (``/<language>/vitality/``) and by the docs' test:

* each rule gives points for one fact, by its age: the newer, the more (``steps``: up to so many
  days, that share of the rule's points); a rule whose fact is unknown counts neither for nor
  against: the score is the share of the points available from what is known;
* a few facts cap the score whatever else is true (an archived repository, a status a moderator set);
* with nothing known beyond the page itself (no website or repository could be checked), the band
  is "unknown", never "inactive".

Facts are stored language-neutral (``Vitality.facts``); ``explain`` writes them in the reader's
language when shown.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import probe
from .models import Band


@dataclass(frozen=True)
class Rule:
    key: str
    points: int
    label: object  # lazily translated
    steps: tuple = ()  # ((up to so many days, share of the points), …); older: nothing


RULES = (
    Rule("code", 40, gettext_lazy("last change to the code"), ((90, 1.0), (365, 0.6), (730, 0.25))),
    Rule("release", 20, gettext_lazy("latest release"), ((180, 1.0), (365, 0.7), (730, 0.3))),
    Rule("issues", 10, gettext_lazy("latest activity in its issues"), ((90, 1.0), (365, 0.5))),
    Rule("website", 20, gettext_lazy("the website answers")),
    Rule("page", 10, gettext_lazy("last edit of this page"), ((365, 1.0), (730, 0.5))),
)
# fact → the highest score it allows
CAPS = (
    ("archived-repository", 10, gettext_lazy("the repository is archived")),
    ("status-archived", 10, gettext_lazy("a moderator marked the tool archived")),
    ("status-unmaintained", 40, gettext_lazy("a moderator marked the tool unmaintained")),
)
# lowest score of each band, highest band first
BANDS = ((75, Band.ACTIVE), (50, Band.LIKELY_ACTIVE), (25, Band.POSSIBLY_INACTIVE), (0, Band.INACTIVE))


def band_of(score):
    if score is None:
        return Band.UNKNOWN
    return next(band for lowest, band in BANDS if score >= lowest)


def _days(value, today):
    if not value:
        return None
    moment = value if isinstance(value, date) else _parse(value)
    if moment is None:
        return None
    if isinstance(moment, datetime):
        # the day it was where the site is (as "today" is), not in the forge's time zone
        day = timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    else:
        day = moment
    return max(0, (today - day).days)


def _parse(value):
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _share(rule, days):
    for limit, share in rule.steps:
        if days <= limit:
            return share
    return 0.0


def score(facts, today=None):
    """``(score or None, band)`` from a tool's facts."""
    today = today or timezone.localdate()
    earned = possible = 0.0
    repository = facts.get("repository") or {}
    website_state = (facts.get("website") or {}).get("state")
    # only what a check established from outside decides whether the tool is known at all
    known_outside = website_state in (probe.ANSWERS, probe.FAILS) or repository.get("state") in (
        probe.ANSWERS,
        probe.FAILS,
    )
    if not known_outside:
        return None, Band.UNKNOWN
    for rule in RULES:
        if rule.key == "website":
            if website_state not in (probe.ANSWERS, probe.FAILS):
                continue
            share = 1.0 if website_state == probe.ANSWERS else 0.0
        else:
            days = _days(_fact_date(facts, rule.key), today)
            if days is None:
                if _silent(facts, rule.key):
                    possible += rule.points  # known to be absent: it counts, for nothing
                continue
            share = _share(rule, days)
        earned += rule.points * share
        possible += rule.points
    value = round(100 * earned / possible)
    for cap, highest, _label in CAPS:
        if cap in caps_of(facts):
            value = min(value, highest)
    return value, band_of(value)


def _silent(facts, key):
    """Whether a fact is known to be absent: no code in a repository its forge says is gone, no release
    or issue activity in a repository that was read (unless that part could not be read)."""
    repository = facts.get("repository") or {}
    if repository.get("state") == probe.FAILS:
        return key == "code"
    if repository.get("state") != probe.ANSWERS or not repository.get("pushed_at"):
        return False
    if key == "release":
        return not repository.get("release_unknown")
    if key == "issues":
        return not repository.get("issues_unknown")
    return False


def caps_of(facts):
    found = set()
    if (facts.get("repository") or {}).get("archived"):
        found.add("archived-repository")
    if facts.get("status") == "archived":
        found.add("status-archived")
    if facts.get("status") == "unmaintained":
        found.add("status-unmaintained")
    return found


def _fact_date(facts, key):
    repository = facts.get("repository") or {}
    if key == "code":
        return repository.get("pushed_at")
    if key == "release":
        return (facts.get("release") or {}).get("at")
    if key == "issues":
        return repository.get("issues_at")
    if key == "page":
        return facts.get("edited_at")
    return None


# --- in words ---------------------------------------------------------------------------------------


def ago(value, today=None):
    """ "12 days ago", "3 months ago", "2 years ago" (in the active language)."""
    days = _days(value, today or timezone.localdate())
    if days is None:
        return ""
    if days == 0:
        return _("today")
    if days < 60:
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    if days < 730:
        months = days // 30
        return ngettext("%(count)d month ago", "%(count)d months ago", months) % {"count": months}
    years = days // 365
    return ngettext("%(count)d year ago", "%(count)d years ago", years) % {"count": years}


def explain(facts, today=None):
    """The facts as short clauses, in the active language: ["code changed 12 days ago", …]."""
    today = today or timezone.localdate()
    clauses = []
    repository = facts.get("repository")
    if repository and not repository.get("state"):
        clauses.append(_("repository not checked yet"))
    elif repository:
        if repository.get("state") == probe.FAILS:
            clauses.append(_("repository: %(problem)s") % {"problem": _reason(repository)})
        elif repository.get("state") == probe.UNKNOWN:
            clauses.append(
                _("repository could not be checked (%(reason)s)") % {"reason": _reason(repository)}
            )
        if repository.get("pushed_at"):
            clauses.append(_("code changed %(ago)s") % {"ago": ago(repository["pushed_at"], today)})
        if repository.get("archived"):
            clauses.append(_("repository archived"))
    else:
        clauses.append(_("no source repository known"))
    release = facts.get("release")
    if release and release.get("at"):
        when = ago(release["at"], today)
        if release.get("version"):
            clauses.append(
                _("latest release %(version)s %(ago)s") % {"version": release["version"], "ago": when}
            )
        else:
            clauses.append(_("latest release %(ago)s") % {"ago": when})
    elif repository and repository.get("pushed_at") and not repository.get("release_unknown"):
        clauses.append(_("no release published"))
    if repository and repository.get("issues_at"):
        clauses.append(_("issues active %(ago)s") % {"ago": ago(repository["issues_at"], today)})
    website = facts.get("website")
    if website:
        state = website.get("state")
        if state == probe.ANSWERS:
            clauses.append(_("website answers"))
        elif state == probe.FAILS:
            since = _parse(website.get("since") or "")
            if since:
                clauses.append(
                    _("website fails (%(problem)s) since %(date)s")
                    % {"problem": _reason(website), "date": date_format(since, "DATE_FORMAT")}
                )
            else:
                clauses.append(_("website fails (%(problem)s)") % {"problem": _reason(website)})
        else:
            clauses.append(_("website could not be checked (%(reason)s)") % {"reason": _reason(website)})
    if facts.get("status") in ("archived", "unmaintained"):
        clauses.append(
            _("marked archived by a moderator")
            if facts["status"] == "archived"
            else _("marked unmaintained by a moderator")
        )
    if facts.get("edited_at"):
        clauses.append(_("page edited %(ago)s") % {"ago": ago(facts["edited_at"], today)})
    return clauses


def _reason(checked):
    return probe.reason_text(checked.get("reason") or "", checked.get("status"))


def sentence(facts, today=None):
    clauses = explain(facts, today)
    # the clauses' separator, as each language writes it (French puts a space before the semicolon)
    text = _("; ").join(clauses)
    return text[:1].upper() + text[1:] + ("." if text else "")


def rules_table():
    """The docs' table of the rules (docs/reference/vitality.md holds it; a test keeps them equal)."""
    rows = ["| fact | points | by age |", "| --- | ---: | --- |"]
    for rule in RULES:
        if rule.steps:
            steps = ", ".join(f"≤ {days} days: {round(rule.points * share)}" for days, share in rule.steps)
            steps += ", older: 0"
        else:
            steps = f"answers: {rule.points}, fails: 0, could not check: not counted"
        rows.append(f"| {rule.label} | {rule.points} | {steps} |")
    rows += ["", "| when | the score is at most |", "| --- | ---: |"]
    rows += [f"| {label} | {highest} |" for _key, highest, label in CAPS]
    rows += ["", "| band | from |", "| --- | ---: |"]
    rows += [f"| {band.label} | {lowest} |" for lowest, band in BANDS]
    return "\n".join(rows)
