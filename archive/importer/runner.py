"""Create or update document pages from manifest rows, one transaction per row.

A document is identified by its kind and slug. A row is compared with the
document's latest revision (a draft counts: comparing with the live page
would call every unpublished import "updated" again on each run) and saved
as a new revision only when something differs, so running a manifest twice
changes nothing. A row that fails is rolled back whole, with the files it
had stored, and the import goes on; an import stopped halfway is finished by
running it again, because the rows already done come out "sin cambios".

A dry run does the same work inside one transaction that is rolled back at
the end, so it reports what a real run would do (later rows may relate to
documents earlier rows create) and writes no file: stored files are only
named, never saved. It stops short of publishing: a publication mints a
reference code (its counter would stay locked until the dry run ends,
holding up editors who publish meanwhile) and sets off updates of the
search index, none of which a dry run has any business starting. The
revision was validated when saved, so nothing a publication checks goes
unchecked.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.dateparse import parse_duration
from django.utils.text import slugify
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from archive.attachments.models import LANGUAGES, ArchiveDocument
from archive.dates import parse_iso_partial_date
from archive.pages.models import KINDS_BY_SLUG, ActorRole, DocumentIndexPage, Relation
from archive.pages.models.base import LICENCES
from archive.spanish import count as spanish_count
from archive.taxonomy.models import Actor, Axis, OpennessElement, Phase

from .changes import apply_values, differs, one_reference_update
from .manifest import ALL_KIND_COLUMNS, KIND_COLUMNS
from .richtext import body_blocks, rich_text
from .sources import FileRefused

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"
OUTCOMES = [CREATED, UPDATED, UNCHANGED, ERROR]
# How a created or updated document is left.
PUBLISHED, DRAFT, DRAFT_NOT_ALLOWED = "published", "draft", "draft_not_allowed"
SKIPPED = "skipped"

# Every word a report uses for what happened, as (after a real run, after a dry
# run): a dry run changed nothing, so it speaks in the conditional. Messages
# take their words from here, never spell them out themselves.
WORDS = {
    CREATED: ("creado", "se crearía"),
    UPDATED: ("actualizado", "se actualizaría"),
    UNCHANGED: ("sin cambios", "sin cambios"),
    ERROR: ("error", "error"),
    PUBLISHED: ("publicado", "se publicaría"),
    DRAFT: ("borrador", "quedaría en borrador"),
    DRAFT_NOT_ALLOWED: ("borrador: no tienes permiso para publicar",
                        "quedaría en borrador: no tienes permiso para publicar"),
    SKIPPED: ("se saltaron; las demás se importaron", "se saltarían; no se cambió nada"),
}
# Totals agree with their number: «1 creado», «2 creados», «1 se crearía».
TOTAL_WORDS = {
    CREATED: (("creado", "creados"), ("se crearía", "se crearían")),
    UPDATED: (("actualizado", "actualizados"), ("se actualizaría", "se actualizarían")),
    UNCHANGED: (("sin cambios", "sin cambios"), ("sin cambios", "sin cambios")),
    ERROR: (("con error", "con error"), ("con error", "con error")),
}


def say_total(key, count, dry_run):
    singular, plural = TOTAL_WORDS[key][1 if dry_run else 0]
    return singular if count == 1 else plural


def say(key, dry_run, words=WORDS):
    return words[key][1 if dry_run else 0]


DEFAULT_ROLE = ActorRole.PARTICIPANT
DEFAULT_RELATION = Relation.RELATED
ROLES = {value: value for value in ActorRole.values} | {
    "autor": ActorRole.AUTHOR, "autora": ActorRole.AUTHOR, "participante": ActorRole.PARTICIPANT,
    "firmante": ActorRole.SIGNATORY, "destinatario": ActorRole.ADDRESSEE, "destinataria": ActorRole.ADDRESSEE,
    "mencionado": ActorRole.MENTIONED, "mencionada": ActorRole.MENTIONED,
}
RELATIONS = {value: value for value in Relation.values} | {slugify(label): value for value, label in Relation.choices}
# Model field -> manifest column, for validation messages about fields the manifest fills under another name.
FIELD_COLUMNS = {"date_precision": "date", "actor_links": "actors", "attachments": "files", "related_links": "related"}
PLAIN_COLUMNS = ["summary", "title_en", "summary_en", "date_note", "source_url", "original_holder"]
CHOICE_COLUMNS = {"language": (LANGUAGES, "es"), "licence": (LICENCES, "unknown")}
# What a kind's own field of these types takes, for its error message and the import screen's explanation.
FIELD_FORMATS = [
    (models.DateField, "una fecha AAAA-MM-DD"),
    (models.DurationField, "una duración hh:mm:ss"),
    (models.IntegerField, "un número entero"),
]


def field_format(model_field):
    return next((text for field_class, text in FIELD_FORMATS if isinstance(model_field, field_class)), "")


class RowError(Exception):
    def __init__(self, column, message):
        super().__init__(f"{column}: {message}" if column else message)


@dataclass
class RowResult:
    number: int
    document: str
    outcome: str  # CREATED, UPDATED, UNCHANGED or ERROR
    error: str = ""  # why the row failed: the same words in a dry run as in a real one
    state: str = ""  # PUBLISHED, DRAFT or DRAFT_NOT_ALLOWED, for a created or updated document
    page_id: int | None = None  # the document's page, for a link to it (None when it does not exist)
    dry_run: bool = False
    files: list = field(default_factory=list)  # the files this row stored (ArchiveDocument pks), to follow their reading

    @property
    def result(self):
        return say(self.outcome, self.dry_run)

    @property
    def reason(self):
        return self.error or (say(self.state, self.dry_run) if self.state else "")


@dataclass
class Report:
    dry_run: bool = False
    rows: list = field(default_factory=list)

    def totals(self):
        return {outcome: sum(1 for r in self.rows if r.outcome == outcome) for outcome in OUTCOMES}

    def totals_said(self):
        """[(count, words)] for every outcome, in order: «2 se crearían», «0 con error»."""
        totals = self.totals()
        return [(totals[outcome], say_total(outcome, totals[outcome], self.dry_run)) for outcome in OUTCOMES]

    def failure_message(self):
        errors = self.totals()[ERROR]
        return f"{spanish_count(errors, 'fila')} con error: {say(SKIPPED, self.dry_run)}."

    @property
    def failed(self):
        return any(r.outcome == ERROR for r in self.rows)

    @property
    def would_change(self):
        return any(r.outcome in (CREATED, UPDATED) for r in self.rows)


def split_list(text):
    return [part.strip() for part in re.split(r"[;\n]", text or "") if part.strip()]


def split_pairs(text, separator):
    """(item, left, right) of each item of a list cell such as «slug:papel; slug:papel»."""
    for item in split_list(text):
        left, _, right = (part.strip() for part in item.partition(separator))
        yield item, left, right


def parse_partial_date(text):
    """(date, precision) from AAAA, AAAA-MM or AAAA-MM-DD; empty means «sin fecha»."""
    try:
        return parse_iso_partial_date(text)
    except ValueError as exc:
        raise RowError("date", f"«{text}» no es una fecha válida: usa AAAA, AAAA-MM o AAAA-MM-DD.") from exc


def _validation_reason(exc):
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for name, errors in exc.error_dict.items():
        messages = " ".join(m for e in errors for m in e.messages)
        parts.append(messages if name == "__all__" else f"{FIELD_COLUMNS.get(name, name)}: {messages}")
    return " ".join(parts)


class Importer:
    """Runs one manifest. ``source`` reads the files it names (see sources.py)."""

    def __init__(self, source, *, dry_run=False, publish=False, user=None, check_permissions=False, progress=None):
        self.source = source
        self.dry_run = dry_run
        self.publish = publish
        self.user = user
        self.check_permissions = check_permissions
        self.progress = progress
        self.written = []  # files stored by the current row, deleted if it fails

    # -- running ---------------------------------------------------------
    def run(self, rows, report=None):
        """Import ``rows``; given the ``report`` of a run cut short, go on after the rows it holds."""
        report = report or Report(dry_run=self.dry_run)
        self._load_vocabularies()
        if self.dry_run:
            with transaction.atomic():
                self._run_rows(rows, report)
                transaction.set_rollback(True)
        else:
            self._run_rows(rows, report)
        return report

    def _run_rows(self, rows, report):
        total = len(rows)
        # A dry run keeps nothing, so a review cut short starts again from the top.
        start = 0 if self.dry_run else len(report.rows)
        del report.rows[start:]
        for number, row in enumerate(rows[start:], start=start + 1):
            report.rows.append(self.import_row(number, row))
            if self.progress:
                self.progress(number, total)

    def import_row(self, number, row):
        kind, slug = row.get("kind", "").strip(), row.get("slug", "").strip()
        label = f"{kind}/{slug}"
        self.written = []
        try:
            with transaction.atomic():
                if row.get("__error__"):
                    raise RowError("", row["__error__"])
                outcome, state, page_id = self._import(kind, slug, row)
        except RowError as exc:
            self._discard_written()
            return RowResult(number, label, ERROR, error=str(exc), dry_run=self.dry_run)
        except ValidationError as exc:
            self._discard_written()
            return RowResult(number, label, ERROR, error=_validation_reason(exc), dry_run=self.dry_run)
        except BaseException:
            # Interrupted (Ctrl+C) or broken: the row is rolled back; leave no orphan file either.
            self._discard_written()
            raise
        if self.dry_run and outcome == CREATED:
            page_id = None  # a page of the rolled-back transaction
        files = [] if self.dry_run else [document_file.instance.pk for document_file in self.written]
        return RowResult(number, label, outcome, state=state, page_id=page_id, dry_run=self.dry_run, files=files)

    def _discard_written(self):
        for document_file in self.written:
            document_file.storage.delete(document_file.name)
        self.written = []

    def _load_vocabularies(self):
        self.phases = {o.slug: o for o in Phase.objects.all()}
        self.axes = {o.slug: o for o in Axis.objects.all()}
        self.elements = {o.slug: o for o in OpennessElement.objects.all()}
        self.actors = {o.slug: o for o in Actor.objects.all()}

    # -- one row ---------------------------------------------------------
    def _import(self, kind, slug, row):
        model = KINDS_BY_SLUG.get(kind)
        if model is None:
            raise RowError("kind", f"tipo desconocido «{kind}». Usa uno de: {', '.join(KINDS_BY_SLUG)}.")
        if not slug:
            raise RowError("slug", "falta el identificador del documento.")
        if not row.get("title", "").strip():
            raise RowError("title", "falta el título.")
        parent = DocumentIndexPage.objects.filter(kind=kind).first()
        if parent is None:
            raise RowError("kind", f"el sitio no tiene el listado de {model.kind_plural.lower()}.")
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None and not issubclass(existing.specific_class, model):
            raise RowError("slug", f"ya existe «{slug}» en {parent.title} y no es de tipo {kind}.")
        self._check_permission(parent, existing)

        values, m2m, children, tags = self._wanted(model, row, existing)
        if existing is None:
            return self._create(parent, model, slug, values, m2m, children, tags)
        return self._update(existing, values, m2m, children, tags)

    def _check_permission(self, parent, existing):
        if not self.check_permissions:
            return
        if existing is None and not parent.permissions_for_user(self.user).can_add_subpage():
            raise RowError("kind", f"no tienes permiso para crear documentos en {parent.title}.")
        if existing is not None and not existing.permissions_for_user(self.user).can_edit():
            raise RowError("slug", "no tienes permiso para editar este documento.")

    def _may_publish(self, page):
        return self.publish and (not self.check_permissions or page.permissions_for_user(self.user).can_publish())

    def _create(self, parent, model, slug, values, m2m, children, tags):
        page = model(slug=slug, live=False, has_unpublished_changes=True, owner=self.user)
        apply_values(page, values, m2m, children)
        if tags is not None:
            page.tags.set(tags)
        # Validate before touching the tree (path and depth come from add_child): Page.save checks only
        # the little a draft needs (minimal_clean), and a kind's own rules would wait for publication.
        page.full_clean(exclude=["path", "depth"])
        with one_reference_update(page, queued=True):
            parent.add_child(instance=page)
            # Validated an instant ago, nothing changed since: not a second time.
            revision = page.save_revision(user=self.user, log_action="wagtail.create", clean=False)
            if self._may_publish(page):
                self._publish(revision)
                return CREATED, PUBLISHED, page.pk
        return CREATED, self._draft_state(), page.pk

    def _draft_state(self):
        return DRAFT_NOT_ALLOWED if self.publish else DRAFT

    def _publish(self, revision):
        if not self.dry_run:
            revision.publish(user=self.user)

    def _update(self, existing, values, m2m, children, tags):
        live_page = existing.specific
        page = live_page.get_latest_revision_as_object()
        changed = differs(page, values, m2m, children) or (
            tags is not None and sorted(t.name for t in page.tags.all()) != sorted(tags)
        )
        pending = not live_page.live or live_page.has_unpublished_changes
        publish = self._may_publish(live_page) and (changed or pending)
        if not changed and not publish:
            return UNCHANGED, "", page.pk
        with one_reference_update(page):
            if changed:
                apply_values(page, values, m2m, children)
                if tags is not None:
                    page.tags.set(tags)
                revision = page.save_revision(user=self.user, log_action=True)
            else:
                revision = live_page.latest_revision or live_page.save_revision(user=self.user, log_action=True)
            if publish:
                self._publish(revision)
        return UPDATED, PUBLISHED if publish else self._draft_state(), page.pk

    # -- reading a row ---------------------------------------------------
    def _wanted(self, model, row, existing):
        """(values, m2m, children, tags) for the columns the row has; absent columns leave fields alone."""
        title = row["title"].strip()
        values = {"title": title}
        for column in PLAIN_COLUMNS:
            if column in row:
                values[column] = row[column]
        for column, (choices, default) in CHOICE_COLUMNS.items():
            if column in row:
                value = row[column] or default
                if value not in dict(choices):
                    raise RowError(column, f"«{value}» no es válido. Usa uno de: {', '.join(dict(choices))}.")
                values[column] = value
        if "date" in row:
            values["date"], values["date_precision"] = parse_partial_date(row["date"])
        if "phase" in row:
            values["phase"] = self._terms(self.phases, "phase", "etapa", [row["phase"]])[0] if row["phase"] else None
        if "body" in row:
            # A manifest's body is text. Code that builds a body of headings and quotations itself
            # (the demo's load, from its corpus) hands over StreamField raw data, taken as it is.
            body = row["body"]
            values["body"] = body if isinstance(body, list) else body_blocks(body)
        values.update(self._kind_values(model, row, title))

        m2m = {}
        if "axes" in row:
            m2m["axes"] = self._terms(self.axes, "axes", "eje", split_list(row["axes"]))
        if "elements" in row:
            m2m["elements"] = self._terms(self.elements, "elements", "elemento de apertura", split_list(row["elements"]))

        children = {}
        if "actors" in row:
            children["actor_links"] = self._actor_links(row["actors"])
        if "files" in row:
            children["attachments"] = self._attachments(row["files"], title)
        if "related" in row:
            children["related_links"] = self._related(row["related"], existing)

        tags = list(dict.fromkeys(split_list(row["tags"]))) if "tags" in row else None
        return values, m2m, children, tags

    def _terms(self, known, column, what, slugs):
        missing = [s for s in slugs if s not in known]
        if missing:
            raise RowError(column, f"no existe {what} con identificador {', '.join(f'«{s}»' for s in missing)}.")
        return [known[s] for s in dict.fromkeys(slugs)]

    def _actor_links(self, text):
        links, seen = [], set()
        for item, slug, role_text in split_pairs(text, ":"):
            role = ROLES.get((role_text or DEFAULT_ROLE).lower())
            if role is None:
                raise RowError("actors", f"papel desconocido «{role_text}» en «{item}». Usa: autor, participante, "
                               "firmante, destinatario o mencionado.")
            actor = self._terms(self.actors, "actors", "actor", [slug])[0]
            if (slug, role) in seen:
                raise RowError("actors", f"«{item}» está repetido.")
            seen.add((slug, role))
            links.append({"actor": actor, "role": role})
        return links

    def _attachments(self, text, title):
        attachments = []
        for _item, path, label in split_pairs(text, "|"):
            document = self._stored_file("files", path, label or title)
            attachments.append({"document": document, "label": label})
        return attachments

    def _related(self, text, existing):
        links = []
        for _item, reference, relation_text in split_pairs(text, ":"):
            relation = RELATIONS.get(slugify(relation_text or DEFAULT_RELATION))
            if relation is None:
                raise RowError("related", f"relación desconocida «{relation_text}». Usa: {', '.join(Relation.values)}.")
            kind, _, slug = reference.partition("/")
            parent = DocumentIndexPage.objects.filter(kind=kind).first()
            target = Page.objects.child_of(parent).filter(slug=slug).first() if parent and slug else None
            if target is None:
                raise RowError("related", f"no existe el documento «{reference}» (escríbelo como tipo/identificador; "
                               "si está en este manifiesto, ponlo en una fila anterior).")
            if existing is not None and target.pk == existing.pk:
                raise RowError("related", "un documento no puede relacionarse consigo mismo.")
            links.append({"target": target.specific, "relation": relation})
        return links

    def _kind_values(self, model, row, title):
        own = KIND_COLUMNS[model.kind_slug]
        values = {}
        for name in ALL_KIND_COLUMNS:
            if name in row and row[name] and name not in own:
                raise RowError(name, f"esta columna no corresponde al tipo {model.kind_slug}; déjala vacía.")
        for name in own:
            if name in row:
                values[name] = self._kind_value(model._meta.get_field(name), row[name].strip(), title)
        return values

    def _kind_value(self, model_field, text, title):
        name = model_field.name
        if isinstance(model_field, models.ForeignKey):
            if not text:
                return None
            if model_field.related_model is Actor:
                return self._terms(self.actors, name, "actor", [text])[0]
            return self._stored_file(name, text, f"{title}: {model_field.verbose_name}")
        if not text:
            if model_field.null:
                return None
            return model_field.get_default() if model_field.has_default() else ""
        if isinstance(model_field, RichTextField):
            return rich_text(text)
        try:
            if isinstance(model_field, models.DateField):
                return datetime.date.fromisoformat(text)
            if isinstance(model_field, models.DurationField):
                value = parse_duration(text)
                if value is None:
                    raise ValueError
                return value
            if isinstance(model_field, models.IntegerField):
                return int(text)
        except ValueError as exc:
            raise RowError(name, f"«{text}» no es válido: escribe {field_format(model_field)}.") from exc
        return text

    # -- files -----------------------------------------------------------
    def _stored_file(self, column, path, title):
        """The archive's file with these bytes, stored now if it has none (checked like an upload).

        The file is not read here: saving it queues its reading for the
        worker (archive/attachments/analysis.py), as an upload does, in this
        row's transaction, so a row that fails queues nothing. An import of
        a thousand scanned PDFs then takes as long as storing them.
        """
        try:
            name, content = self.source.read(path)
        except FileRefused as exc:
            raise RowError(column, f"«{path}» {exc}") from exc
        digest = hashlib.sha256(content).hexdigest()
        document = ArchiveDocument.objects.filter(sha256=digest).order_by("pk").first()
        if document is not None:
            return document
        document = ArchiveDocument(title=title[:255], file=ContentFile(content, name=name),
                                   uploaded_by_user=self.user)
        try:
            document.full_clean()
        except ValidationError as exc:
            raise RowError(column, f"«{path}»: {' '.join(exc.messages)}") from exc
        # Wagtail's hash of the file, as its upload form sets it: the download's ETag.
        document.file_hash = hash_filelike(document.file)
        if self.dry_run:
            document.prepare_file()  # format, name and checksum, from memory
            document.file = document.file.name  # named, not written: the dry run's transaction is rolled back
        document.save()  # stores the file and queues its reading
        if not self.dry_run:
            self.written.append(document.file)
        return document
