"""``congress-desktop``: one program, one subcommand per role.

Imports are made inside each command so that starting one role never pays for the others
(the terminal must not import the server, the server must not import Qt).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from congress_desktop import __version__
from congress_desktop.config import default_data_dir
from congress_desktop.errors import CongressError
from congress_desktop.logs import setup_logging

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765


def say(text: str) -> None:
    """Output meant for the person at the console (not logging)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------- commands


def cmd_server(args: argparse.Namespace) -> int:
    from congress_desktop.server.run import serve

    serve(args.data, args.db, args.host, args.port, args.demo)
    return 0


def cmd_enroll_token(args: argparse.Namespace) -> int:
    from congress_desktop.config import ServerPaths
    from congress_desktop.server.tokens import create_enrollment_token

    db_url = args.db or ServerPaths(args.data).create().default_db_url
    say(create_enrollment_token(db_url, args.seat, ttl_hours=args.ttl_hours))
    return 0


def cmd_provision(args: argparse.Namespace) -> int:
    from congress_desktop.sync.provision import provision

    identity = provision(args.server, args.token, args.data, name=args.name, force=args.force)
    seat = identity.seat_number if identity.seat_number is not None else "-"
    say(f"provisioned terminal {identity.terminal_id} (seat {seat}) to {identity.server_url}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from congress_desktop.sync.once import run_sync_once

    if not args.once:
        raise CongressError("only `sync --once` is available from the command line")
    say(json.dumps(run_sync_once(args.data), ensure_ascii=False))
    return 0


def cmd_terminal(args: argparse.Namespace) -> int:
    from congress_desktop.ui.app import run_terminal

    return run_terminal(
        args.data,
        language=args.lang,
        screenshots_dir=args.screenshots,
        kiosk=args.kiosk,
        large_type=args.large_type or None,
        keyboard=args.keyboard,
    )


def cmd_technician_pin(args: argparse.Namespace) -> int:
    from congress_desktop.store.technician import set_technician_pin

    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        import getpass

        pin = getpass.getpass("technician PIN: ")
        if getpass.getpass("technician PIN again: ") != pin:
            raise CongressError("the two PINs differ")
    set_technician_pin(args.data, pin)
    say(f"technician PIN set for the terminal in {args.data}")
    return 0


def cmd_import_document(args: argparse.Namespace) -> int:
    from congress_desktop.server.importing import import_document_file

    doc_id = import_document_file(
        args.data,
        args.file,
        db_url=args.db,
        title=args.title,
        classification=args.classification,
        agenda_position=args.agenda_position,
    )
    say(f"imported {args.file.name} as document {doc_id}")
    return 0


def _read_password(from_stdin: bool) -> str:
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("password again: ") != first:
        raise CongressError("the two passwords differ")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from congress_desktop.config import ServerPaths
    from congress_desktop.server.users import add_user, check_new_user

    check_new_user(args.name, "x" * 64, args.role, args.unit)  # fail before the prompt
    password = _read_password(args.password_stdin)
    db_url = args.db or ServerPaths(args.data).create().default_db_url
    user_id = add_user(db_url, args.name, password, args.role, args.unit)
    say(f"created {args.role} account {args.name} ({user_id})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from congress_desktop.server.admin.reports import write_report

    pages = write_report(
        args.data,
        args.kind,
        args.out,
        db_url=args.db,
        sitting_id=args.sitting,
        first=args.from_date,
        last=args.to_date,
    )
    say(f"wrote the {args.kind} report to {args.out} ({pages} pages)")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from congress_desktop.demo import run_demo

    return run_demo(
        args.data,
        port=args.port,
        screenshots=args.screenshots,
        extra_documents=args.documents,
        language=args.lang,
    )


def cmd_console(args: argparse.Namespace) -> int:
    from congress_desktop.ui.console.app import run_console

    return run_console(args.server, language=args.lang)


def cmd_display(args: argparse.Namespace) -> int:
    from congress_desktop.ui.display.app import run_display

    password = None
    if args.password_file is not None:
        password = args.password_file.read_text(encoding="utf-8").strip()
    return run_display(
        args.server,
        username=args.user,
        password=password,
        language=args.lang,
        fullscreen=not args.windowed,
    )


# --------------------------------------------------------------------------- parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="congress-desktop",
        description="Paperless congress session: delegate terminals, central server, console.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, fn: Callable[[argparse.Namespace], int], help_: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=fn, role=name)
        return p

    def data_arg(p: argparse.ArgumentParser, role: str) -> None:
        p.add_argument(
            "--data",
            type=Path,
            default=None,
            help=f"state directory (default: {default_data_dir(role)})",
        )

    p = add("server", cmd_server, "run the central server")
    data_arg(p, "server")
    p.add_argument("--db", help="database URL (default: SQLite in DIR; postgresql+psycopg://…)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--demo", action="store_true", help="seed the demo session on first start")

    p = add("enroll-token", cmd_enroll_token, "print a one-time terminal enrollment token")
    data_arg(p, "server")
    p.add_argument("--db", help="database URL (default: SQLite in DIR)")
    p.add_argument("--seat", type=int, default=None, help="seat the terminal will serve")
    p.add_argument("--ttl-hours", type=float, default=24.0, help="validity (default 24 h)")

    p = add("provision", cmd_provision, "enroll this terminal with a server")
    data_arg(p, "terminal")
    p.add_argument("--server", required=True, help="server URL, e.g. http://10.0.0.2:8765")
    p.add_argument("--token", required=True, help="one-time enrollment token")
    p.add_argument("--name", default=None, help="terminal name (default: host name)")
    p.add_argument("--force", action="store_true", help="re-provision to another server")

    p = add("sync", cmd_sync, "sync a terminal with its server")
    data_arg(p, "terminal")
    p.add_argument("--once", action="store_true", help="sync until caught up, print JSON, exit")

    p = add("terminal", cmd_terminal, "run the delegate terminal")
    data_arg(p, "terminal")
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    p.add_argument(
        "--screenshots", type=Path, default=None, help="offscreen: write PNGs of every screen"
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--kiosk",
        action="store_true",
        default=None,
        help="full-screen, frameless, leaving needs the technician PIN "
        "(default: CONGRESS_DESKTOP_KIOSK=1)",
    )
    mode.add_argument(
        "--windowed", dest="kiosk", action="store_false", help="a normal window (development)"
    )
    p.add_argument("--large-type", action="store_true", help="larger text on every screen")
    p.add_argument(
        "--keyboard",
        choices=["auto", "on", "off"],
        default=None,
        help="on-screen keyboard with Pinyin: auto = in kiosk mode when no hardware keyboard "
        "is attached (default: CONGRESS_DESKTOP_KEYBOARD or auto)",
    )

    p = add("technician-pin", cmd_technician_pin, "set the technician PIN of this terminal")
    data_arg(p, "terminal")
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")

    p = add("import-document", cmd_import_document, "import a PDF document into the session")
    data_arg(p, "server")
    p.add_argument("file", type=Path, help="the PDF file")
    p.add_argument("--db", help="database URL (default: SQLite in DIR)")
    p.add_argument("--title", default=None, help="title (default: the file name)")
    p.add_argument(
        "--classification", default="public", choices=["public", "internal", "confidential"]
    )
    p.add_argument("--agenda-position", type=int, default=None, help="attach to agenda item N")

    p = add("user", cmd_user_add, "manage console accounts (secretariat, units, technicians)")
    users = p.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    p = users.add_parser("add", help="create a console account (the password is prompted)")
    p.set_defaults(func=cmd_user_add, role="server")
    data_arg(p, "server")
    p.add_argument("name", help="user name (no spaces)")
    p.add_argument("--db", help="database URL (default: SQLite in DIR)")
    p.add_argument("--role", required=True, choices=["secretariat", "handling_unit", "technician"])
    p.add_argument("--unit", default="", help="the unit's name (handling_unit accounts)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    p = add("console", cmd_console, "run the secretariat console (staff PC)")
    p.add_argument("--server", required=True, help="server URL, e.g. http://10.0.0.2:8765")
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])

    p = add("display", cmd_display, "run the full-screen hall display")
    p.add_argument("--server", required=True, help="server URL, e.g. http://10.0.0.2:8765")
    p.add_argument("--user", default=None, help="console account (default: ask)")
    p.add_argument(
        "--password-file", type=Path, default=None, help="file holding the password (default: ask)"
    )
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    p.add_argument("--windowed", action="store_true", help="a normal window (development)")

    p = add("report", cmd_report, "write a report PDF (attendance, agenda, audit log, suggestions)")
    data_arg(p, "server")
    p.add_argument("kind", choices=["attendance", "agenda", "audit", "suggestions"])
    p.add_argument("--db", help="database URL (default: SQLite in DIR)")
    p.add_argument("--sitting", default=None, help="sitting id (default: the current sitting)")
    p.add_argument("--from", dest="from_date", type=_date, default=None, help="YYYY-MM-DD")
    p.add_argument("--to", dest="to_date", type=_date, default=None, help="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    p = add("demo", cmd_demo, "start a demo server and one terminal at seat 1")
    data_arg(p, "demo")
    p.add_argument("--port", type=int, default=None, help="server port (default: a free one)")
    p.add_argument("--screenshots", type=Path, default=None, help="write PNGs of every screen")
    p.add_argument("--documents", type=Path, default=None, help="also import the PDFs in DIR")
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data is None:
        args.data = default_data_dir(args.role)
    setup_logging(
        None,
        level=logging.DEBUG if args.verbose else logging.INFO,
        console_level=logging.DEBUG if args.verbose else logging.WARNING,
    )
    try:
        return int(args.func(args))
    except CongressError as exc:
        sys.stderr.write(f"congress-desktop: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
