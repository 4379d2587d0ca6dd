# Index updates run at once (a test's transaction never commits): the search tests' own fixture.
from tests.search.conftest import run_index_updates  # noqa: F401
