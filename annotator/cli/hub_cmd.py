"""annotator hub ... : the team hub on PostgreSQL (annotator/hub; README, "Team hub")."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.terminal import count, isolate, say
from annotator.cli.usage import project_first

URL_HELP = "the hub: a libpq connection string or postgresql:// URL, without a password"


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "hub",
        help="work as a team through a shared PostgreSQL database (needs annotator[hub])",
        description="A team's shared store on PostgreSQL: the coordinator publishes documents "
        "and assigns them, annotators sync their own layer (offline in between), reviewers "
        "collect every layer. URL is a libpq connection string or postgresql:// URL; "
        "passwords come from libpq's usual places (PGPASSFILE, a service file, PGPASSWORD).",
        usage="%(prog)s SUBCOMMAND ... (init, publish, assign, blind, sync, status, collect)",
    )
    hub = p.add_subparsers(
        dest="hub_command",
        metavar="SUBCOMMAND",
        required=True,
        prog="annotator hub",
        help="what to do on the hub",
    )

    init = hub.add_parser(
        "init", help="create the hub schema, or check an existing one (the coordinator)"
    )
    init.add_argument("url", metavar="URL", help=URL_HELP)
    init.set_defaults(func=_init)

    publish = hub.add_parser("publish", help="documents and label set from a project")
    publish.add_argument("url", metavar="URL", help=URL_HELP)
    publish.add_argument("db", metavar="DB", help="project file")
    publish.set_defaults(func=_publish)

    assign = hub.add_parser("assign", help="give each document to --overlap annotators")
    assign.add_argument("url", metavar="URL", help=URL_HELP)
    assign.add_argument("--annotators", required=True, help="their role names, comma-separated")
    assign.add_argument("--overlap", type=int, default=1, help="annotators per document")
    assign.add_argument("--per-annotator", type=int, metavar="N", help="at most N each")
    assign.add_argument("--seed", type=int, default=0, help="another seed, another plan")
    assign.set_defaults(func=_assign)

    blind = hub.add_parser("blind", help="annotators cannot read each other's layers (on/off)")
    blind.add_argument("url", metavar="URL", help=URL_HELP)
    blind.add_argument("state", choices=("on", "off"))
    blind.set_defaults(func=_blind)

    sync = hub.add_parser("sync", help="pull my documents and push my layer (or the gold)")
    sync.add_argument("db", metavar="DB", help="project file")
    sync.add_argument("url", metavar="URL", help=URL_HELP)
    who = sync.add_mutually_exclusive_group(required=True)
    who.add_argument("--annotator", metavar="NAME", help="you: your role on the hub")
    who.add_argument("--gold", action="store_true", help="an adjudicator's gold layer")
    sync.set_defaults(func=_sync)

    status = hub.add_parser("status", help="per annotator: assigned, in progress, done, spans")
    status.add_argument("url", metavar="URL", help=URL_HELP)
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(func=_status)

    collect = hub.add_parser("collect", help="every annotator's layer into a project for review")
    collect.add_argument("url", metavar="URL", help=URL_HELP)
    collect.add_argument("db", metavar="REVIEW_DB", help="project file (created if missing)")
    collect.set_defaults(func=_collect)
    for command in hub.choices.values():
        command.usage = project_first(command)


def _progress(line: str) -> None:
    say(f"hub: {line}", sys.stderr)


def _init(args: argparse.Namespace) -> int:
    from annotator.hub.connection import connect
    from annotator.hub.coordinator import init

    with connect(args.url) as conn:
        done = init(conn)
    say(f"hub schema {done}", sys.stdout)
    return 0


def _publish(args: argparse.Namespace) -> int:
    from annotator.hub.connection import connect
    from annotator.hub.coordinator import publish
    from annotator.storage import Project

    with Project.open(args.db) as project, connect(args.url) as conn:
        found = publish(conn, project)
    say(
        f"published {count(found.added, 'document')} ({found.present} already there) and "
        f"{count(found.labels, 'label')}",
        sys.stdout,
    )
    return 0


def _assign(args: argparse.Namespace) -> int:
    from annotator.hub.connection import connect
    from annotator.hub.coordinator import assign

    names = [name.strip() for name in args.annotators.split(",") if name.strip()]
    with connect(args.url) as conn:
        plan = assign(conn, names, args.overlap, args.per_annotator, args.seed)
    say(f"assigned {count(len(plan.new), 'document')} to annotators", sys.stdout)
    if plan.short:
        say(
            f"{count(plan.short, 'document')} could not get {args.overlap} annotators "
            "(--per-annotator, or too few annotators): assign again when there are more",
            sys.stdout,
        )
    return 0


def _blind(args: argparse.Namespace) -> int:
    from annotator.hub.connection import connect
    from annotator.hub.coordinator import set_blind

    with connect(args.url) as conn:
        set_blind(conn, args.state == "on")
    say(f"blind annotation {args.state}", sys.stdout)
    return 0


def _sync(args: argparse.Namespace) -> int:
    from annotator.hub.sync import sync_annotator, sync_gold
    from annotator.storage import Project

    with Project.open(args.db) as project:
        if args.gold:
            report = sync_gold(project, args.url, _progress)
        else:
            report = sync_annotator(project, args.url, args.annotator, _progress)
    say(
        f"synced {isolate(args.db)}: {count(report.documents, 'new document')}, "
        f"{count(report.pushed, 'layer')} sent, {count(report.pulled, 'layer')} taken "
        f"({count(report.assigned, 'document')} on the hub for you)",
        sys.stdout,
    )
    return 0


def _status(args: argparse.Namespace) -> int:
    from annotator.hub.connection import connect
    from annotator.hub.coordinator import status

    with connect(args.url) as conn:
        board = status(conn)
    if args.json:
        print(json.dumps(board, ensure_ascii=False))
        return 0
    say(
        f"{count(board['documents'], 'document')}, {board['assigned_documents']} assigned, "
        f"{board['gold_done']} adjudicated; blind annotation {'on' if board['blind'] else 'off'}",
        sys.stdout,
    )
    for row in board["annotators"]:
        say(
            f"  {isolate(row['annotator'])}: {row['assigned']} assigned, {row['new']} new, "
            f"{row['in_progress']} in progress, {row['done']} done, "
            f"{count(row['spans'], 'span')}",
            sys.stdout,
        )
    return 0


def _collect(args: argparse.Namespace) -> int:
    from annotator.hub.collect import collect
    from annotator.storage import Project

    with Project.open(args.db, create=True) as project:
        found = collect(project, args.url, _progress)
    say(
        f"collected into {isolate(args.db)}: {count(found.documents, 'new document')}, "
        f"{count(found.layers, 'layer')} taken from {count(found.annotators, 'annotator')}",
        sys.stdout,
    )
    return 0
