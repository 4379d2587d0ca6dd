"""The plain listing searches fall back to while the engine cannot answer.

It reads the database's records (SearchRecord, which hold exactly what the
public may see) and matches the words typed in titles and summaries, without
stemming or ranking: enough to keep the archive usable during an outage of
the index or of Elasticsearch, and the page says so. Facets are counted by
search/facets.py over the same records.
"""

from django.db.models import Q

from search.models import SearchRecord

from .base import SearchBackend


class ListingBackend(SearchBackend):
    name = "listing"

    @staticmethod
    def _holds(clause):
        """A title or summary holding one of the clause's names (each key is the start of a word typed)."""
        condition = Q()
        for keys in clause.alternatives:
            every = Q()
            for key in keys:
                every &= Q(title__icontains=key) | Q(summary__icontains=key)
            condition |= every
        return condition

    def match(self, query):
        records = SearchRecord.objects.all()
        if query.clauses:
            condition = Q()
            for clause in query.clauses:
                condition |= self._holds(clause)
            records = records.filter(condition)
        for clause in query.excluded:
            records = records.exclude(self._holds(clause))
        ids = list(records.values_list("page_id", flat=True))
        return ids, [1.0] * len(ids)
