"""Push latency: the secretariat moves the current item; how soon has every terminal pulled it?

N simulated terminals, each with a real SSE stream (``GET /api/v1/events``) and a real
keep-alive connection for pulls, against K real server processes (K > 1 needs PostgreSQL:
the change is made through the first process, terminals on the others hear of it through
LISTEN/NOTIFY). Each round the secretariat's change (the agenda row's ``current_item_id``,
then ``publish_current_item`` — through a benchmark-only route of the first server) starts
the clock; a terminal has *applied* it when the pull answering its nudge contains that row.
Rounds run without jitter (``raw``: pull at once) and with the 0–300 ms random jitter
terminals use before pulling (``jittered``).

Prints one JSON object: ``terminals``, ``delivered``, ``p50_s``, ``p99_s``, ``max_s`` (raw
rounds), and the same under ``jittered``; plus ``db``, ``servers``, ``rounds``, and the CPU
seconds per round of the server processes (``server_cpu_s``) and of this load generator
(``client_cpu_s``): on a shared 2-core machine the latencies mostly measure the neighbours,
the CPU seconds much less so.

    python benchmarks/push_latency.py --terminals 3000 [--db pg|URL] [--servers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    Hall,
    RawConnection,
    Servers,
    SseStream,
    database,
    prepare_hall,
    raise_nofile,
    stats,
)

JITTER_S = 0.3
ROUND_TIMEOUT_S = 20.0
CONNECT_CONCURRENCY = 200


# --------------------------------------------------------------------------- bench server


def serve(data: Path, db_url: str, port: int) -> None:
    """A real server process plus ``POST /bench/current-item`` (the secretariat's action)."""
    import uvicorn

    from congress_desktop.config import ServerPaths
    from congress_desktop.logs import setup_logging
    from congress_desktop.model import agendas
    from congress_desktop.server import run
    from congress_desktop.server.app import create_app
    from congress_desktop.server.changes import write_row
    from congress_desktop.server.events import publish_current_item

    paths = ServerPaths(data).create()
    setup_logging(paths.logs, filename="server.log")
    app = create_app(paths, db_url)
    engine = app.state.server.engine

    @app.post("/bench/current-item")
    def set_current_item(body: dict[str, Any]) -> dict[str, int]:
        with engine.begin() as conn:
            seq = write_row(
                conn,
                agendas,
                {"id": body["agenda_id"], "current_item_id": body["item_id"]},
            )
        publish_current_item(engine, seq=seq, agenda_version=1, current_item_id=body["item_id"])
        return {"seq": seq}

    run.raise_open_files_limit()
    run.tune_gc()  # as run.serve() does
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=2,
        server_header=False,
        backlog=run.LISTEN_BACKLOG,
        http=run.HTTP_PROTOCOL,  # as run.serve()
    )
    run._Server(config, app.state.events).run()


# --------------------------------------------------------------------------- terminals


@dataclass
class Round:
    item_id: str
    jitter: bool
    t0: float
    done: dict[int, float] = field(default_factory=dict)
    finished: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class Bench:
    n: int
    round: Round | None = None
    opened: int = 0
    start_seq: int = 0
    errors: list[str] = field(default_factory=list)


async def pull_until(conn: RawConnection, cursor: int, target: int) -> tuple[int, list[Any]]:
    changes: list[Any] = []
    while True:
        page = await conn.json("GET", f"/api/v1/sync/pull?since={cursor}&limit=1000")
        changes += page["changes"]
        cursor = page["next"]
        if not page["has_more"] and cursor >= target:
            return cursor, changes
        if not page["has_more"]:
            await asyncio.sleep(0.01)  # the nudge raced the commit: ask again


async def terminal(
    index: int, port: int, bearer: str, bench: Bench, ready: asyncio.Semaphore
) -> None:
    """One terminal, already in sync (its cursor is the server's seq): it holds a stream and
    pulls when nudged, like a terminal waiting for the next agenda item."""
    conn = RawConnection(port, bearer)
    sse = SseStream(port, bearer)
    cursor = bench.start_seq
    async with ready:
        await conn.json("GET", f"/api/v1/sync/pull?since={cursor}&limit=1000")
        await sse.open(last_event_id=cursor)
    bench.opened += 1
    try:
        while True:
            kind, data = await sse.next_event()
            seq = data.get("seq", 0) if kind in ("changes", "current_item") else 0
            if seq <= cursor:
                continue  # already there: skip the pull
            current = bench.round
            if current is not None and current.jitter:
                await asyncio.sleep(random.uniform(0, JITTER_S))
            cursor, changes = await pull_until(conn, cursor, seq)
            if current is None:
                continue
            for change in changes:
                row = change.get("row") or {}
                if change["table"] == "agendas" and row.get("current_item_id") == current.item_id:
                    current.done.setdefault(index, time.monotonic() - current.t0)
                    if len(current.done) == bench.n:
                        current.finished.set()
    except (EOFError, ConnectionError, asyncio.IncompleteReadError) as exc:
        bench.errors.append(f"terminal {index}: {exc!r}")
    finally:
        conn.close()
        sse.conn.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux /proc)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(
    hall: Hall, ports: list[int], rounds: int, jittered_rounds: int, pids: list[int]
) -> dict[str, Any]:
    bench = Bench(len(hall.terminals))
    health = RawConnection(ports[0])
    bench.start_seq = (await health.json("GET", "/api/v1/health"))["seq"]
    health.close()
    ready = asyncio.Semaphore(CONNECT_CONCURRENCY)
    tasks = [
        asyncio.create_task(terminal(i, ports[i % len(ports)], bearer, bench, ready))
        for i, (_tid, bearer, _d) in enumerate(hall.terminals)
    ]
    while bench.opened < bench.n:  # every terminal pulled once and opened its stream
        if all(t.done() for t in tasks):
            raise RuntimeError(f"the terminals failed: {bench.errors[:3]}")
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)
    results: dict[str, list[float]] = {"raw": [], "jittered": []}
    delivered: dict[str, list[int]] = {"raw": [], "jittered": []}
    plan = [("warmup", False)] + [("raw", False)] * rounds + [("jittered", True)] * jittered_rounds
    cpu: dict[str, float] = {"raw": 0.0, "jittered": 0.0, "warmup": 0.0}
    load: dict[str, float] = {"raw": 0.0, "jittered": 0.0, "warmup": 0.0}
    for number, (mode, jitter) in enumerate(plan):
        cpu_before = sum(cpu_seconds(pid) for pid in pids)
        load_before = time.process_time()
        item = hall.items[(number + 1) % len(hall.items)]
        secretariat = RawConnection(ports[0])
        await secretariat.connect()
        bench.round = Round(item, jitter, time.monotonic())
        await secretariat.json(
            "POST", "/bench/current-item", {"agenda_id": hall.agenda_id, "item_id": item}
        )
        secretariat.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(bench.round.finished.wait(), ROUND_TIMEOUT_S)
        cpu[mode] += sum(cpu_seconds(pid) for pid in pids) - cpu_before
        load[mode] += time.process_time() - load_before
        if mode != "warmup":
            results[mode] += list(bench.round.done.values())
            delivered[mode].append(len(bench.round.done))
        bench.round = None
        await asyncio.sleep(1.0)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    out: dict[str, Any] = {
        "terminals": bench.n,
        "delivered": min(delivered["raw"]),
        **stats(results["raw"]),
        # CPU time per round: the server processes', and this load generator's own
        "server_cpu_s": round(cpu["raw"] / max(rounds, 1), 3),
        "client_cpu_s": round(load["raw"] / max(rounds, 1), 3),
    }
    if jittered_rounds:
        out["jittered"] = {
            "delivered": min(delivered["jittered"]),
            **stats(results["jittered"]),
            "server_cpu_s": round(cpu["jittered"] / jittered_rounds, 3),
        }
    if bench.errors:
        out["errors"] = bench.errors[:5]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terminals", type=int, default=500)
    parser.add_argument("--db", default=None, help="pg (throwaway cluster) or a database URL")
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jittered-rounds", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.data, args.db, args.port)
        return
    if args.servers > 1 and args.db in (None, "sqlite"):
        parser.error("--servers > 1 needs PostgreSQL (--db pg or a URL)")
    raise_nofile()
    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as db_url:
        root = Path(tmp)
        (root / "server").mkdir(exist_ok=True)
        hall = prepare_hall(db_url, args.terminals)
        argv = [sys.executable, str(Path(__file__).resolve()), "--serve"]
        with Servers(root, db_url, args.servers, argv) as servers:
            import uvloop

            pids = [proc.pid for proc in servers.procs]
            result = uvloop.run(
                measure(hall, servers.ports, args.rounds, args.jittered_rounds, pids)
            )
    result.update(
        db="sqlite" if args.db in (None, "sqlite") else "postgresql",
        servers=args.servers,
        rounds=args.rounds,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
