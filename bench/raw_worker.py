"""The queue baseline: a bare loop claiming rows with SKIP LOCKED and marking them."""

import sys

import psycopg

CLAIM = (
    "SELECT id FROM bench_raw_queue WHERE status = 'ready' "
    "ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1"
)

with psycopg.connect(
    sys.argv[1].replace("postgres://", "postgresql://", 1)
) as connection:
    while True:
        with connection.transaction(), connection.cursor() as cursor:
            row = cursor.execute(CLAIM).fetchone()
            if row is None:
                break
            cursor.execute(
                "UPDATE bench_raw_queue SET status = 'done' WHERE id = %s", [row[0]]
            )
