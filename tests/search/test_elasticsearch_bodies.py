"""Elasticsearch: what we send, checked without a server.

No Elasticsearch server can run here, so these tests read the index
definition and the request bodies; test_elasticsearch_integration.py sends
them to a real server when ELASTICSEARCH_URL is set.
"""

import datetime

from search.backends.elasticsearch import (
    MAX_BUCKETS,
    TEXT_FIELDS,
    index_definition,
    parse_response,
    record_document,
    search_body,
    synonym_rules,
)
from search.facets import FACETS
from search.models import SearchRecord
from search.query import parse_query


def test_index_analyzers_fold_accents_stem_spanish_and_expand_synonyms_at_search_time():
    analysis = index_definition()["settings"]["analysis"]
    index_chain = analysis["analyzer"]["archivo_index"]["filter"]
    search_chain = analysis["analyzer"]["archivo_search"]["filter"]
    assert "asciifolding" in index_chain and "asciifolding" in search_chain
    assert analysis["filter"]["archivo_stemmer"] == {"type": "stemmer", "language": "light_spanish"}
    assert "archivo_synonyms" in search_chain and "archivo_synonyms" not in index_chain
    # Synonyms come before stop words, so "Alianza para el Gobierno Abierto" still matches its rule.
    assert search_chain.index("archivo_synonyms") < search_chain.index("archivo_stop")
    assert analysis["filter"]["archivo_synonyms"]["type"] == "synonym_graph"


def test_synonym_rules_are_folded_and_cover_the_names_people_search_by():
    rules = synonym_rules()
    aga = next(rule for rule in rules if rule.startswith("aga,"))
    assert "alianza para el gobierno abierto" in aga and "ogp" in aga
    assert any("infocdmx" in rule and "info cdmx" in rule for rule in rules)
    assert all(rule == rule.lower() and "á" not in rule for rule in rules)


def test_mapping_has_text_fields_and_a_keyword_per_facet():
    properties = index_definition()["mappings"]["properties"]
    for field in ("title", "summary", "meta", "body", "files"):
        assert properties[field]["analyzer"] == "archivo_index"
        assert properties[field]["search_analyzer"] == "archivo_search"
    for facet in FACETS:
        assert properties[facet] == {"type": "keyword"}
    assert properties["date"] == {"type": "date"}


def test_query_body_ors_the_words_most_must_match_phrases_are_required():
    body = search_body(parse_query('participacion ciudadana "plan de acción"'), {}, "relevancia", 0, 20)
    must = body["query"]["bool"]["must"]
    words = must[0]["bool"]
    assert [m["multi_match"]["query"] for m in words["should"]] == ["participacion", "ciudadana"]
    assert words["minimum_should_match"] == "3<75%"
    assert all(m["multi_match"]["type"] == "best_fields" for m in words["should"])
    assert words["should"][0]["multi_match"]["fields"][:2] == ["title^10", "summary^5"]
    assert must[1]["multi_match"] == {"query": "plan de acción", "fields": TEXT_FIELDS, "operator": "and",
                                      "type": "phrase"}
    assert body["sort"][0] == "_score"
    assert body["track_total_hits"] is True


def test_query_body_forgives_typos_by_word_length_keeping_the_first_letter():
    clause = search_body(parse_query("transparensia"), {}, "relevancia", 0, 20)["query"]["bool"]["must"][0]
    match = clause["bool"]["should"][0]["multi_match"]
    assert (match["fuzziness"], match["prefix_length"]) == ("AUTO", 1)


def test_query_body_ranks_all_words_in_the_title_and_the_words_in_order_higher():
    should = search_body(parse_query("nucleo promotor"), {}, "relevancia", 0, 20)["query"]["bool"]["should"]
    assert should[0]["multi_match"] == {"query": "nucleo promotor", "fields": ["title"], "operator": "and", "boost": 8}
    assert should[1]["multi_match"]["type"] == "phrase" and should[1]["multi_match"]["slop"] == 1


def test_query_body_excludes_words_with_a_minus():
    body = search_body(parse_query("minuta -borrador"), {}, "relevancia", 0, 20)
    assert [m["multi_match"]["query"] for m in body["query"]["bool"]["must_not"]] == ["borrador"]
    alone = search_body(parse_query("-borrador"), {}, "relevancia", 0, 20)
    assert alone["query"]["bool"]["must"] == [{"match_all": {}}]


def test_facets_are_disjunctive_post_filter_and_aggregations_exclude_their_own_filter():
    filters = {"actor": ["adip", "infocdmx"], "tipo": ["minuta"]}
    body = search_body(parse_query(""), filters, "-fecha", 40, 20)
    assert body["query"] == {"match_all": {}}
    assert body["from"] == 40 and body["size"] == 20
    post = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"actor": ["adip", "infocdmx"]}} in post and {"terms": {"tipo": ["minuta"]}} in post
    actor_agg = body["aggs"]["actor"]
    assert actor_agg["filter"]["bool"]["filter"] == [{"terms": {"tipo": ["minuta"]}}]
    assert body["aggs"]["tipo"]["filter"]["bool"]["filter"] == [{"terms": {"actor": ["adip", "infocdmx"]}}]
    assert body["aggs"]["eje"]["filter"]["bool"]["filter"] == [
        {"terms": {"actor": ["adip", "infocdmx"]}},
        {"terms": {"tipo": ["minuta"]}},
    ]
    # Every bucket, not Elasticsearch's default ten (wagtail#5668).
    assert actor_agg["aggs"]["values"]["terms"]["size"] == MAX_BUCKETS >= 1000
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}


def test_oldest_first_puts_undated_documents_last():
    body = search_body(parse_query("mesa"), {}, "fecha", 0, 20)
    assert body["sort"][0] == {"date": {"order": "asc", "missing": "_last"}}


def test_user_input_is_sent_as_query_text_never_as_query_syntax():
    body = search_body(parse_query('a:b OR (c* "d'), {}, "relevancia", 0, 20)
    for clause in body["query"]["bool"]["must"][0]["bool"]["should"]:
        assert set(clause) == {"multi_match"}
    assert "query_string" not in str(body) and "simple_query_string" not in str(body)


def test_response_parsing_reads_ids_total_and_buckets():
    response = {
        "hits": {"total": {"value": 42, "relation": "eq"}, "hits": [{"_id": "7"}, {"_id": "3"}]},
        "aggregations": {"tipo": {"doc_count": 42, "values": {"buckets": [{"key": "minuta", "doc_count": 40}]}}},
    }
    assert parse_response(response) == ([7, 3], 42, {"tipo": {"minuta": 40}})


def test_record_document_carries_text_date_and_facets():
    record = SearchRecord(
        page_id=5, title="Minuta", summary="Resumen", body="Cuerpo", meta="ADIP", files="", kind="minuta",
        date=datetime.date(2022, 11, 8), facets={"tipo": ["minuta"], "actor": ["adip"]},
    )
    document = record_document(record)
    assert document["date"] == "2022-11-08"
    assert document["actor"] == ["adip"] and document["eje"] == []
    assert document["title"] == "Minuta"
