"""Small read-mostly tables kept in each process until the content changes.

The glossary and the list of restricted sections are read by every document
page and change a few times a year. Each process keeps its copy under the
page cache's generation (archive/web/cache.py), which every content change
bumps in the shared cache, so a copy never outlives the change, in this
process or in any other.
"""

import logging
import threading

from .cache import generation

logger = logging.getLogger(__name__)
_values = {}
_lock = threading.Lock()


def per_generation(key, load):
    """``load()``'s result, computed again only after the content changed."""
    try:
        current = generation()
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
