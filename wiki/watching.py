"""Watching pages and taxonomy terms: a watchlist page, and a digest e-mail of what changed."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone, translation

from core.site_address import public_address
from localisation.mail import recipient_language, render_part
from pages import terms as public
from pages.changes import catalogue_pages, changes_to

from .models import Watch


def watched_term(watch):
    """The public term (the one pages point at) a term watch follows, or None."""
    model = public.model_of(watch.term_kind)
    found = public.find(model, watch.term, watch.language) if model else None
    return found[1] if found else None


def watched_pages(user):
    """The live public pages a user watches, directly or through a watched term (pages naming it)."""
    watches = list(user.watches.all())
    condition = Q(pk__in=[watch.page_id for watch in watches if watch.page_id])
    for watch in watches:
        term = watched_term(watch) if watch.term else None
        if term is not None:
            condition |= Q(pk__in=public.pages_naming(term, watch.language).values("pk"))
    return catalogue_pages().filter(condition)


def watched_changes(user, since=None, limit=100):
    if not user.watches.exists():
        return []
    return changes_to(watched_pages(user), since=since, limit=limit)


def toggle_page(user, page):
    """Watch a page, or stop watching it; returns whether it is now watched."""
    deleted, _ = Watch.objects.filter(user=user, page=page).delete()
    if deleted:
        return False
    Watch.objects.create(user=user, page=page, language=page.locale.language_code)
    return True


def toggle_term(user, kind, slug, language):
    """Watch the pages naming a term in a language, or stop; returns whether it is now watched."""
    watches = Watch.objects.filter(user=user, page__isnull=True, term_kind=kind, term=slug, language=language)
    if watches.delete()[0]:
        return False
    Watch.objects.create(user=user, term_kind=kind, term=slug, language=language)
    return True


def is_watching_term(user, kind, slug, language):
    if not user.is_authenticated:
        return False
    return user.watches.filter(term_kind=kind, term=slug, language=language).exists()


def send_digests(hours=24, site_url=None):
    """E-mail each watcher the changes of the last ``hours`` to what they watch. Returns e-mails sent.

    Links start with ``site_url``, by default the public address (SITE_URL).
    """
    site_url = site_url or public_address()
    since = timezone.now() - timedelta(hours=hours)
    sent = 0
    users = (
        get_user_model()
        .objects.filter(is_active=True, watches__isnull=False)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )
    for user in users:
        changes = watched_changes(user, since=since)
        if not changes:
            continue
        language = recipient_language(user, user.watches.values_list("language", flat=True).first())
        with translation.override(language):
            context = {"user": user, "changes": changes, "site_url": site_url.rstrip("/"), "hours": hours}
            subject = render_part("wiki/email/digest_subject.txt", context).strip()
            body = render_part("wiki/email/digest.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    return sent
