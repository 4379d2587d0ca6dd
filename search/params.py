"""The search's query string, read once and checked, for the page and the API alike."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from archive.web.numbers import whole_number

from .facets import FACETS

ORDERS = {"relevancia": "relevancia", "fecha": "fecha", "-fecha": "-fecha"}
PAGE_SIZE = 20
MAX_VALUES_PER_FACET = 20
MAX_PAGE = 10_000
SLUG_RE = re.compile(r"^[\w-]{1,100}$")


class InvalidSearch(ValueError):
    """A parameter that cannot be read; the message is for the person."""


@dataclass
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)
    order: str = ""
    page: int = 1
    notices: list = field(default_factory=list)

    @classmethod
    def from_querydict(cls, data):
        params = cls()
        params.q = data.get("q", "") or ""
        for facet in FACETS:
            values = []
            for value in data.getlist(facet):
                value = value.strip()
                if value and SLUG_RE.match(value) and value not in values:
                    values.append(value)
            if len(values) > MAX_VALUES_PER_FACET:
                params.notices.append(_("Demasiados valores en «%(facet)s»: usamos los primeros %(count)s.")
                                      % {"facet": facet, "count": MAX_VALUES_PER_FACET})
                values = values[:MAX_VALUES_PER_FACET]
            if values:
                params.filters[facet] = values
        order = data.get("orden", "")
        if order and order not in ORDERS:
            raise InvalidSearch(_("El orden debe ser «relevancia», «fecha» o «-fecha»."))
        params.order = order
        raw_page = data.get("pagina", "1").strip() or "1"
        # ASCII digits only: str.isdigit() also accepts «²» and «①», which int() refuses (a 500).
        page = whole_number(raw_page)
        if page is None or page < 1:
            raise InvalidSearch(_("El número de página debe ser un número entero mayor que cero."))
        params.page = min(page, MAX_PAGE)
        return params

    def effective_order(self, query_is_empty):
        if self.order:
            return self.order
        return "-fecha" if query_is_empty else "relevancia"

    @property
    def offset(self):
        return (self.page - 1) * PAGE_SIZE

    def querystring(self, **changes):
        """This search's query string with some parameters changed (None removes one)."""
        from django.http import QueryDict

        data = QueryDict(mutable=True)
        if self.q:
            data["q"] = self.q
        for facet, values in self.filters.items():
            data.setlist(facet, values)
        if self.order:
            data["orden"] = self.order
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            elif isinstance(value, list):
                data.setlist(key, value)
            else:
                data[key] = value
        return data.urlencode()
