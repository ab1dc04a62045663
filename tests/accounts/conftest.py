from tests.diary.fixtures_db import (  # noqa: F401
    app,
    client,
    client_factory,
    clock,
    database,
    database_url,
    pg_schema_url,
)
