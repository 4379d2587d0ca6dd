"""The browser fixtures of the accessibility tests, for the timeline's browser check."""

from tests.accessibility.conftest import browser, browser_page, clean_search_index  # noqa: F401
