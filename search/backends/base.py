class SearchBackend:
    """What every engine does: keep its copy of a record and find matches.

    ``match`` returns (page ids, scores) for every document matching the
    parsed query; a higher score is more relevant. Facets, ordering and
    paging are shared (search/engine.py), so the three engines agree.
    """

    name = "base"
    computes_facets = False

    def write(self, record):
        raise NotImplementedError

    def write_many(self, records):
        for record in records:
            self.write(record)

    def delete(self, page_ids):
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError

    def match(self, query):
        raise NotImplementedError
