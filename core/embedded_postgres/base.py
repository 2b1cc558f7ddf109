"""Django's PostgreSQL backend, starting the embedded server on first use.

Settings name this backend (``core.embedded_postgres``) when no
``DATABASE_URL`` is set. A connection that finds no server starts it (and
creates the database) and tries again, so commands that never touch the
database start nothing, and a server that stopped comes back by itself.
"""

from django.db.backends.postgresql import base
from psycopg2 import OperationalError

from core.embedded_postgres import server


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, settings_dict, *args, **kwargs):
        super().__init__(settings_dict, *args, **kwargs)
        self.embedded = server(settings_dict["EMBEDDED_ROOT"])
        self.embedded.join()

    def get_new_connection(self, conn_params):
        try:
            return super().get_new_connection(conn_params)
        except OperationalError:
            # The project's own database is made on first use; test databases
            # are made by the test runner.
            self.embedded.ensure_database(self.settings_dict["EMBEDDED_DATABASE"])
            return super().get_new_connection(conn_params)
