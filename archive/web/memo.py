"""Small read-mostly tables kept in each process until the content changes.

The site and home page, the view restrictions, the vocabularies of the
record (actors, axes, elements, tags) and the glossary are read by every
document page and change a few times a year. Each process keeps its copy
under the page cache's generation (archive/web/cache.py), which every
content change bumps in the shared cache, so a copy never outlives the
change, in this process or in any other. A request reads the generation once
(``request_generation``), not once per table.
"""

import logging
import threading

from .cache import request_generation

logger = logging.getLogger(__name__)
_values = {}
_lock = threading.Lock()


def per_generation(key, load):
    """``load()``'s result, computed again only after the content changed."""
    try:
        current = request_generation()
    except Exception:  # noqa: BLE001 - the cache is down: read the table, as the page cache does
        logger.warning("Cache unreachable: %s read from the database", key, exc_info=True)
        return load()
    with _lock:
        held = _values.get(key)
    if held is not None and held[0] == current:
        return held[1]
    value = load()
    with _lock:
        _values[key] = (current, value)
    return value


def forget():
    with _lock:
        _values.clear()
