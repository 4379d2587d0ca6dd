"""Minting codes, recording published versions, withdrawing documents.

Every write happens in a transaction that locks the row it changes, so two
editors publishing at the same moment never get the same code or the same
version number.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from archive.identity.current import code_prefix_for

from . import changes
from .models import (
    UNDATED,
    DocumentVersion,
    Identifier,
    IdentifierSequence,
    format_code,
)

logger = logging.getLogger(__name__)

DELETED_REASON = "El documento se eliminó del archivo sin que quedara registrado un motivo."


def code_parts(page):
    """(year part, kind part) of a new code for ``page``: ('2022', 'MIN') or ('SF', 'CARTA')."""
    year = str(page.year) if getattr(page, "year", None) else (str(page.date.year) if page.date else UNDATED)
    # Each kind declares its letters (archive/pages/models/kinds.py).
    return year, page.kind_code


def _next_sequence(year_part, kind_part):
    """Take the next number of a series; the caller's transaction holds the lock until it ends."""
    sequence = IdentifierSequence.objects.select_for_update().filter(year_part=year_part, kind_part=kind_part).first()
    if sequence is None:
        # A missing counter starts after the codes already out, so a counter
        # lost or removed by hand never hands out a number twice.
        highest = Identifier.objects.filter(year_part=year_part, kind_part=kind_part).aggregate(n=Max("sequence"))["n"]
        try:
            with transaction.atomic():
                sequence = IdentifierSequence.objects.create(
                    year_part=year_part, kind_part=kind_part, last_value=highest or 0
                )
        except IntegrityError:  # another publisher created it first: wait for its lock
            sequence = IdentifierSequence.objects.select_for_update().get(year_part=year_part, kind_part=kind_part)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return sequence.last_value


def identifier_for(page):
    if page is None or page.pk is None:
        return None
    return Identifier.objects.filter(page_id=page.pk).first()


def assign_identifier(page):
    """The page's identifier, minting one if it has none. Safe to call again and again."""
    existing = identifier_for(page)
    if existing is not None:
        return existing
    year_part, kind_part = code_parts(page)
    # Numbers run on across prefixes: a series is its year and kind, so a new
    # prefix continues (OTRO-2022-MIN-004 after AGA-CDMX-2022-MIN-003).
    prefix = code_prefix_for(page)
    try:
        with transaction.atomic():
            number = _next_sequence(year_part, kind_part)
            # The counter is locked, so only a code written by hand can be in
            # the way: step over it rather than fail or share it.
            while Identifier.objects.filter(year_part=year_part, kind_part=kind_part, sequence=number).exists():
                logger.warning("Code %s taken outside its counter", format_code(prefix, year_part, kind_part, number))
                number = _next_sequence(year_part, kind_part)
            return Identifier.objects.create(
                code=format_code(prefix, year_part, kind_part, number), year_part=year_part, kind_part=kind_part,
                sequence=number, page_id=page.pk,
            )
    except IntegrityError:
        # The same page got its code from a concurrent publication: that one wins.
        existing = identifier_for(page)
        if existing is None:
            raise
        return existing


def public_path(page):
    """The page's address on its site, without scheme and host: '/minutas/sesion-1/'."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""


def snapshot(identifier, page):
    """Copy what a citation needs from the page as now published."""
    identifier.title = page.title[:255]
    identifier.kind_label = page.kind_label
    identifier.summary = page.summary
    identifier.date_iso = page.date_iso
    identifier.date_label = page.date_label[:300]
    identifier.authors = [actor.name for actor in page.makers]
    identifier.licence_label = page.get_licence_display()
    identifier.last_url = public_path(page) or identifier.last_url
    from archive.interop.oai import page_sets

    identifier.set_specs = f" {' '.join(page_sets(page))} "


def refresh_citation(page):
    """Bring the citation copy up to date with the live page, without a new version."""
    with transaction.atomic():
        identifier = Identifier.objects.select_for_update().filter(page_id=page.pk).first()
        if identifier is not None and page.live:
            snapshot(identifier, page)
            identifier.save()
        return identifier


def record_publication(page, revision):
    """Called when ``page`` goes live with ``revision``: code, version, citation, withdrawal cleared."""
    with transaction.atomic():
        identifier = assign_identifier(page)
        identifier = Identifier.objects.select_for_update().get(pk=identifier.pk)
        if revision is not None and not identifier.versions.filter(revision=revision).exists():
            last = identifier.versions.aggregate(n=Max("number"))["n"] or 0
            previous = identifier.versions.filter(number=last).values_list("content", flat=True).first()
            DocumentVersion.objects.create(
                identifier=identifier, number=last + 1, revision=revision,
                published_at=page.last_published_at or timezone.now(),
                title=page.title[:255], content=revision.content,
                change_kinds=changes.change_kinds(previous, revision.content),
                change_note=changes.public_note(previous, revision.content)[:300],
            )
        snapshot(identifier, page)
        # Publishing again is the editors' way to take a withdrawal back.
        identifier.withdrawn_at = None
        identifier.withdrawal_reason = ""
        identifier.withdrawn_by = None
        identifier.save()
        return identifier


def refresh_addresses(page):
    """After ``page`` moved or changed slug, the live documents at or under it have new addresses."""
    from archive.pages.models import DocumentPage

    documents = DocumentPage.objects.live().filter(path__startswith=page.path, identifier_record__isnull=False)
    for document in documents:
        path = public_path(document)
        if path:
            Identifier.objects.filter(page_id=document.pk).update(last_url=path)


def withdraw(page, reason, user=None):
    """Take ``page`` off the public archive, keeping its code, citation and the reason."""
    from wagtail.log_actions import log

    with transaction.atomic():
        identifier = identifier_for(page)
        if identifier is None:
            raise ValueError("Este documento nunca se publicó: no tiene código que retirar.")
        identifier = Identifier.objects.select_for_update().get(pk=identifier.pk)
        if page.live:
            snapshot(identifier, page)  # what readers saw last is what the citation keeps
            # Wagtail's own action: it checks permission, logs, and tells the
            # search index (search/indexing.py listens to page_unpublished).
            page.unpublish(user=user)
        # Correcting the reason later keeps the date the document left.
        identifier.withdrawn_at = identifier.withdrawn_at or timezone.now()
        identifier.withdrawal_reason = reason.strip()
        identifier.withdrawn_by = user
        identifier.save()
        log(instance=page, action="identifiers.withdraw", user=user, data={"reason": identifier.withdrawal_reason})
        return identifier


def record_deletion(page):
    """A published document deleted outright is withdrawn, so its citations answer 410, not 404."""
    from archive.pages.models import DocumentPage

    live = DocumentPage.objects.visible().filter(pk=page.pk).first()
    if live is None:
        return  # not public when deleted: it reveals nothing, as a draft
    identifier = Identifier.objects.filter(page_id=page.pk, withdrawn_at__isnull=True).first()
    if identifier is not None:
        snapshot(identifier, live.specific)
        identifier.withdrawn_at = timezone.now()
        identifier.withdrawal_reason = DELETED_REASON
        identifier.save()
