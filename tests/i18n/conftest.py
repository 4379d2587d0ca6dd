from tests.search.conftest import run_index_updates  # noqa: F401 - English search results need the index
