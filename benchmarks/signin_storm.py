"""Sign-in storm: N enrolled terminals each push one sign-in at the same moment.

Every terminal first opens its keep-alive connection (and has pulled once, as a running
terminal would have), then all pushes are released together. ``seconds`` runs from the
release to the last answer; ``lost`` counts sign-ins missing from the server's database,
``duplicated`` extra rows for a delegate and sitting (both must be 0).

Prints one JSON object: ``terminals``, ``seconds``, ``ops_per_s``, ``lost``, ``duplicated``
(plus ``db``, ``applied``, ``p99_s``).

    python benchmarks/signin_storm.py --terminals 3000 [--db pg|URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    Hall,
    HttpError,
    RawConnection,
    Servers,
    count_rows,
    database,
    percentile,
    prepare_hall,
    raise_nofile,
)

CONNECT_CONCURRENCY = 200


def signin_op(delegate_id: str, sitting_id: str) -> dict[str, Any]:
    now = time.time()
    return {
        "op_id": str(uuid.uuid4()),
        "kind": "signin",
        "payload": {
            "signin_id": str(uuid.uuid4()),
            "delegate_id": delegate_id,
            "sitting_id": sitting_id,
            "method": "pin",
        },
        "wall_time": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now)),
        "mono_time": time.monotonic(),
        "boot_id": "bench",
        "elapsed_s": 0.0,
    }


async def storm(hall: Hall, port: int) -> dict[str, Any]:
    conns = [RawConnection(port, bearer) for _t, bearer, _d in hall.terminals]
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def warm(conn: RawConnection) -> None:
        async with gate:
            await conn.json("GET", "/api/v1/sync/pull?since=0&limit=1")

    await asyncio.gather(*(warm(c) for c in conns))
    go = asyncio.Event()
    answers: list[tuple[str, float]] = []

    async def push(conn: RawConnection, delegate_id: str) -> None:
        op = signin_op(delegate_id, hall.sitting_id)
        await go.wait()
        try:
            body = await conn.json("POST", "/api/v1/sync/push", {"ops": [op]})
            answers.append((body["results"][0]["status"], time.monotonic() - start))
        except (HttpError, ConnectionError, asyncio.IncompleteReadError) as exc:
            answers.append((f"error: {exc}", time.monotonic() - start))

    tasks = [
        asyncio.create_task(push(c, d))
        for c, (_t, _b, d) in zip(conns, hall.terminals, strict=True)
    ]
    await asyncio.sleep(0.5)
    start = time.monotonic()
    go.set()
    await asyncio.gather(*tasks)
    seconds = time.monotonic() - start
    for conn in conns:
        conn.close()
    applied = sum(1 for status, _ in answers if status == "applied")
    return {
        "seconds": seconds,
        "applied": applied,
        "p99_s": percentile([t for _, t in answers], 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terminals", type=int, default=500)
    parser.add_argument("--db", default=None, help="pg (throwaway cluster) or a database URL")
    args = parser.parse_args()
    raise_nofile()
    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as db_url:
        root = Path(tmp)
        (root / "server").mkdir(exist_ok=True)
        hall = prepare_hall(db_url, args.terminals)
        with Servers(root, db_url, 1) as servers:
            import uvloop

            result = uvloop.run(storm(hall, servers.ports[0]))
        rows = count_rows(db_url, "SELECT count(*) FROM signins WHERE deleted = false")
        distinct = count_rows(
            db_url, "SELECT count(DISTINCT delegate_id) FROM signins WHERE deleted = false"
        )
    n = args.terminals
    print(
        json.dumps(
            {
                "terminals": n,
                "seconds": round(result["seconds"], 3),
                "ops_per_s": round(n / result["seconds"], 1),
                "lost": n - distinct,
                "duplicated": rows - distinct,
                "applied": result["applied"],
                "p99_s": round(result["p99_s"], 3),
                "db": "sqlite" if args.db in (None, "sqlite") else "postgresql",
            }
        )
    )


if __name__ == "__main__":
    main()
