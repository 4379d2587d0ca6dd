from django.core.management import call_command
from django.db import connection


def flush_database():
    """Empty every table, as a new server's database, inside the test's transaction.

    PostgreSQL refuses to TRUNCATE a table with deferred foreign-key checks
    still pending in the transaction: run them first.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
