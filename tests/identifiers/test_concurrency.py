"""Two publishers at the same moment: the counter row lock makes them take turns.

Needs concurrent connections that commit, so it runs on PostgreSQL only (the
SQLite test database lives in memory; there IMMEDIATE transactions serialise
writers anyway). The threads commit outside the test's transaction, on a
series no document uses, and remove what they wrote.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import TestCase

from archive.identifiers.models import IdentifierSequence
from archive.identifiers.registry import _next_sequence

SERIES = ("9999", "PRUEBA")


def in_thread(function):
    result = []

    def run():
        try:
            result.append(function())
        except Exception as error:  # noqa: BLE001 - re-raised in the test's thread
            result.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


@pytest.mark.postgres
class ConcurrentAllocationTests(TestCase):
    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("needs PostgreSQL (set DATABASE_URL)")
        # The counter exists already, as it does after a series' first code:
        # the publishers race on one row.
        thread, _ = in_thread(lambda: IdentifierSequence.objects.create(year_part=SERIES[0], kind_part=SERIES[1]))
        thread.join()

    def tearDown(self):
        thread, _ = in_thread(lambda: IdentifierSequence.objects.filter(year_part=SERIES[0]).delete())
        thread.join()

    def test_simultaneous_allocations_never_share_a_number(self):
        count = 8
        barrier = threading.Barrier(count)

        def allocate():
            barrier.wait()
            with transaction.atomic():
                number = _next_sequence(*SERIES)
                # Hold the lock a moment, as a publication does while it writes the page.
                time.sleep(0.05)
                return number

        runs = [in_thread(allocate) for _ in range(count)]
        numbers = []
        for thread, result in runs:
            thread.join()
            (value,) = result
            if isinstance(value, Exception):
                raise value
            numbers.append(value)
        self.assertEqual(sorted(numbers), list(range(1, count + 1)))
