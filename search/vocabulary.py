"""Labels and order of every facet value, per index version.

Slugs are what URLs and the API carry (stable); labels are what people read.
"""

import threading

from django.utils.translation import gettext_noop as N_

from archive.pages.models import DOCUMENT_KINDS
from archive.taxonomy.models import Actor, Axis, Phase

FACET_LABELS = {
    "tipo": N_("Tipo de documento"),
    "etapa": N_("Etapa"),
    "actor": N_("Actor"),
    "eje": N_("Eje temático"),
    "anio": N_("Año"),
    "formato": N_("Formato disponible"),
}

FORMAT_LABELS = {
    "pdf": N_("PDF"),
    "video": N_("Video"),
    "transcripcion": N_("Transcripción"),
    "accesible": N_("Versión accesible (texto)"),
    "abierto": N_("Formato abierto"),
    "sin-archivo": N_("Sin archivo (solo ficha)"),
}

_lock = threading.Lock()
_cache = {}


def _load():
    labels = {
        "tipo": {kind.kind_slug: (kind.kind_label, f"{i:03d}") for i, kind in enumerate(DOCUMENT_KINDS)},
        "etapa": {p.slug: (p.name, f"{p.order:05d}") for p in Phase.objects.only("slug", "name", "order")},
        "actor": {a.slug: (a.name, a.name.lower()) for a in Actor.objects.only("slug", "name")},
        "eje": {a.slug: (a.name, f"{a.order:05d}") for a in Axis.objects.only("slug", "name", "order")},
        "formato": {slug: (label, f"{i:03d}") for i, (slug, label) in enumerate(FORMAT_LABELS.items())},
    }
    labels["anio"] = _Years()
    return labels


class _Years(dict):
    """Any four-digit year is a valid value; newest first."""

    def __contains__(self, value):
        return isinstance(value, str) and len(value) == 4 and value.isdigit()

    def get(self, value, default=None):
        if value in self:
            return (value, f"{9999 - int(value):04d}")
        return default

    def __getitem__(self, value):
        result = self.get(value)
        if result is None:
            raise KeyError(value)
        return result


def _expansions():
    """(keys of an actor's acronym or alias) -> {keys of its name}: what «GCDMX» marks in a text."""
    from .analysis import analyze

    expansions = {}
    for actor in Actor.objects.only("name", "acronym", "aliases"):
        name = tuple(analyze(actor.name))
        for short in [actor.acronym, *(actor.aliases or "").split(",")]:
            keys = tuple(analyze(short or ""))
            if keys and name and keys != name:
                expansions.setdefault(keys, set()).add(name)
    return expansions


def _per_version(name, load, version):
    """What `load` returns, read again only when the index version changes."""
    cached = _cache.get(name)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        value = load()
        _cache[name] = (version, value)
    return value


def acronym_expansions(version):
    return _per_version("expansions", _expansions, version)


def vocabulary(version):
    return _per_version("labels", _load, version)
