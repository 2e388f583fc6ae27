"""The ``kg`` command line: a thin layer over the library.

Heavy libraries are imported inside the commands, so ``kg --help`` stays fast. Every expected
failure (bad input, a broken source file, a failed check) ends with one line on stderr and a
non-zero exit code, never a traceback: 1 = a check found problems, 2 = bad input.

Conventions: ``--out`` names where output goes in every command (``-`` is standard output
wherever one file is written); ``--graph FILE``, ``--store DIR`` and ``--endpoint URL`` choose
which graph a command reads (default: the graph of the shipped sources).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from kg.networks import FORMATS as NETWORK_FORMATS
from kg.networks import MODALITIES as NETWORK_MODALITIES

DEFAULT_OUT = Path("build")
STDOUT = "-"


class Failure(click.ClickException):
    """A one-line error with an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.exit_code = code  # type: ignore[misc]  # click reads it per instance

    def show(self, file=None) -> None:  # noqa: D102 - one line, no "Error:" decoration
        click.echo(f"kg: {self.message}", err=True)


def expected_errors(func: Callable) -> Callable:
    """Turn the library's expected exceptions into one-line failures."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        from kg.errors import KgError, one_line

        try:
            return func(*args, **kwargs)
        except KgError as exc:
            raise Failure(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        except SyntaxError as exc:  # pyoxigraph's parse errors for a broken graph file
            raise Failure(f"invalid RDF input: {one_line(exc, 200)}") from None
        except BrokenPipeError:  # the reader went away (`kg read §2.1 | head`): nothing is wrong
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except UnicodeDecodeError as exc:
            raise Failure(f"input is not UTF-8: {exc.reason} at byte {exc.start}") from None
        except OSError as exc:
            raise Failure(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")) from None

    return wrapper


def _command(example: str, **kwargs: Any):
    """A subcommand whose ``--help`` ends with an example."""
    return main.command(epilog=f"Example:\n\n\b\n  {example}", **kwargs)


sources_option = click.option("--sources", type=click.Path(file_okay=False, path_type=Path),
                              help="Folder of curated YAML sources (default: the shipped ones).")
article_option = click.option("--article", type=click.Path(dir_okay=False, path_type=Path),
                              help="The article text (default: the shipped article-fa.txt).")
graph_option = click.option("--graph", type=click.Path(dir_okay=False, path_type=Path),
                            help="A built karabakh.nq to read instead of the shipped sources' graph.")


def _nquads(graph: Path | None, sources: Path | None, article: Path | None) -> bytes:
    if graph is not None:
        if not graph.is_file():
            raise Failure(f"{graph}: no such graph file (run `kg build` first)")
        return graph.read_bytes()
    if sources is None and article is None:
        from kg.default import default_nquads

        return default_nquads()
    from kg.build import compile_nquads

    return compile_nquads(sources, article)


def credential_options(func: Callable) -> Callable:
    """``--user``, ``--password``, ``--token`` and ``--auth``: who requests to a store are sent as
    (each defaults to its ``KG_ENDPOINT_*`` environment variable, then to ``user:password@`` in the URL)."""
    func = click.option("--auth", type=click.Choice(["basic", "digest", "bearer"]),
                        help="Authentication scheme [default: basic with --user, bearer with --token; "
                             "env KG_ENDPOINT_AUTH].")(func)
    func = click.option("--token", help="Bearer token [env KG_ENDPOINT_TOKEN].")(func)
    func = click.option("--password", help="Password (prefer env KG_ENDPOINT_PASSWORD: options are visible "
                                           "to other users of the machine).")(func)
    return click.option("--user", help="User name for Basic or Digest authentication [env KG_ENDPOINT_USER].")(func)


def _credentials(user: str | None, password: str | None, token: str | None, auth: str | None):
    from kg.client import Credentials

    return Credentials(user=user, password=password, token=token, scheme=auth)


def read_options(func: Callable) -> Callable:
    """``--endpoint URL``, ``--store DIR`` and ``--graph FILE``: where the graph is read from; with
    ``--endpoint``, ``--timeout`` and the credentials. The command receives ``endpoint`` as the keyword
    arguments of :func:`kg.load` (or ``None``), and ``timeout_s`` itself if it declares it."""
    code = getattr(func, "__wrapped__", func).__code__
    wants_timeout = "timeout_s" in code.co_varnames[:code.co_argcount]

    @wraps(func)
    def wrapper(*args, **kwargs):
        timeout_s = kwargs.pop("timeout_s")
        given = [kwargs.pop(k) for k in ("user", "password", "token", "auth")]
        if kwargs["endpoint"] is not None:  # only then is the HTTP client imported
            kwargs["endpoint"] = {"endpoint": kwargs["endpoint"], "timeout_s": timeout_s or 60.0,
                                  "credentials": _credentials(*given)}
        return func(*args, **kwargs, **({"timeout_s": timeout_s} if wants_timeout else {}))

    command = credential_options(wrapper)
    command = click.option("--timeout", "timeout_s", type=click.FloatRange(min=0, min_open=True), metavar="S",
                           help="Seconds a query may take: with --endpoint, to connect and between parts of "
                                "the reply (default 60); `kg sparql` on the embedded store stops the query "
                                "then (default 10).")(command)
    command = graph_option(command)
    command = click.option("--store", type=click.Path(file_okay=False, path_type=Path),
                           help="Read a persistent store made by `kg load --store`.")(command)
    return click.option("--endpoint", metavar="URL",
                        help="Query a SPARQL 1.1 endpoint instead of the embedded store.")(command)


format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "md", "json", "xml", "csv", "tsv"]), default="table",
    show_default=True, help="table or md for people; json, xml, csv, tsv: SPARQL results formats.")
lang_option = click.option("--lang", type=click.Choice(["en", "fa"]), default="en", show_default=True,
                           help="Label language shown in tables.")
out_option = click.option("--out", default=STDOUT, show_default=True, metavar="FILE",
                          help="Where to write the result ('-': standard output).")


def _graph(endpoint: dict | None, store: Path | None, graph: Path | None):
    import kg.graph

    if sum(x is not None for x in (endpoint, store, graph)) > 1:
        raise Failure("give at most one of --endpoint, --store and --graph")
    if endpoint is not None:
        return kg.graph.load(**endpoint)
    return kg.graph.load(graph=graph, store=store)


def _emit(data: str | bytes, out: str) -> None:
    """Write to standard output, or to a file through a temporary file renamed into place."""
    if out == STDOUT:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data if data.endswith(b"\n") or not data else data + b"\n")
            sys.stdout.flush()
        else:
            click.echo(data)
        return
    from kg.atomic import write_bytes

    write_bytes(Path(out), data if isinstance(data, bytes) else (data + "\n").encode("utf-8"))


def _terms(g, lang: str) -> dict[str, str] | None:
    """English -> Persian labels of ontology terms, when Persian output is asked for."""
    return {r["en"]: r["fa"] for r in g.query("relation-labels")} if lang == "fa" else None


def _describe_query(q, brief: bool) -> str:
    """A query's summary, its parameters (description, allowed values, example) and columns."""
    lines = [f"{q.name}: {q.summary}"]
    for p in q.parameters:
        extra = [p.description] if p.description else []
        if p.allowed:
            extra.append("one of " + ", ".join(p.allowed))
        if p.example:
            extra.append(f"e.g. -p {p.name}={p.example}")
        lines.append(f"  -p {p.name}=...{' (required)' if p.required else ''}: {'; '.join(extra)}")
    if not brief:
        lines.append("  columns: " + ", ".join(q.columns))
    return "\n".join(lines)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise Failure(f"--param needs NAME=VALUE, got {pair!r}")
        params[name.strip()] = value
    return params


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="karabakh-kg")
def main() -> None:
    """karabakh-kg: the knowledge graph of Hajimineh & Falahati (2025), 'Explaining the
    Karabakh conflict ... with emphasis on the neo-neo debate'."""


@_command("kg check")
@sources_option
@article_option
@expected_errors
def check(sources: Path | None, article: Path | None) -> None:
    """Check the curated sources: schema, cross-references and verbatim quotes."""
    from kg.reading import attach_readings
    from kg.sources import load_corpus

    corpus = load_corpus(sources, article)
    attach_readings(corpus)
    click.echo(f"ok: {len(corpus.claims)} claims, {len(corpus.entities)} entities, "
               f"{len(corpus.citations)} citations; every quote matches its lines")


@_command("kg build --out build")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Output folder.")
@sources_option
@article_option
@expected_errors
def build(out: Path, sources: Path | None, article: Path | None) -> None:
    """Compile the curated sources to RDF (N-Quads, N-Triples, TriG, Turtle, JSON-LD)."""
    from kg.build import build as run_build

    result = run_build(out, sources, article)
    click.echo(f"built {result.quads} quads into {out}/: "
               + ", ".join(str(p.relative_to(out)) for p in result.files))


@_command("kg validate --graph build/karabakh.nq")
@graph_option
@sources_option
@article_option
@click.option("--skip-owl", is_flag=True, help="Skip the HermiT consistency check.")
@expected_errors
def validate(graph: Path | None, sources: Path | None, article: Path | None, skip_owl: bool) -> None:
    """Run every check: provenance, SHACL shapes, the violation queries, OWL consistency (HermiT)."""
    from kg.sources import read_article
    from kg.validate import Subject, run_checks

    subject = Subject(_nquads(graph, sources, article), read_article(article))
    failed = 0
    def starting(check_) -> None:
        if check_.reasoner:  # the one slow check says that it runs
            click.echo(f"{check_.name}: running…", err=True)

    for check_, problems in run_checks(subject, reasoner=not skip_owl, starting=starting):
        click.echo(f"{check_.name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for p in problems[:50]:
            click.echo(f"  {p}")
        failed += len(problems)
    if failed:
        raise Failure(f"validation failed with {failed} problem(s)", code=1)


@_command("kg reason --out build/inferred.nt")
@graph_option
@sources_option
@article_option
@click.option("--out", default=None, metavar="FILE",
              help="Also write the inferred triples as N-Triples to FILE ('-': standard output).")
@expected_errors
def reason(graph: Path | None, sources: Path | None, article: Path | None, out: str | None) -> None:
    """Run HermiT: consistency, inferred class memberships and property assertions."""
    from kg.reason import Inconsistent, run_hermit

    try:
        result = run_hermit(_nquads(graph, sources, article))
    except Inconsistent as exc:
        raise Failure(f"inconsistent: {exc}", code=1) from None
    summary = (f"consistent: yes; inferred {result.inferred_types} class memberships and "
               f"{result.inferred_properties} property assertions")
    click.echo(summary, err=out == STDOUT)
    if result.unsatisfiable:
        click.echo("unsatisfiable classes: " + ", ".join(result.unsatisfiable), err=out == STDOUT)
    if out:
        _emit("".join(line + "\n" for line in result.triples).encode("utf-8"), out)
        if out != STDOUT:
            click.echo(f"wrote {len(result.triples)} inferred triples to {out}")
    if result.unsatisfiable:
        sys.exit(1)


@_command("kg stats --graph build/karabakh.nq")
@read_options
@expected_errors
def stats(endpoint: dict | None, store: Path | None, graph: Path | None) -> None:
    """Counts per class and coverage of the reading edition's ids."""
    from kg.stats import coverage, format_report

    click.echo(format_report(coverage(_graph(endpoint, store, graph))))


@_command("kg query mediation -p actor=russia --format csv")
@click.argument("name", required=False)
@click.option("--param", "-p", "pairs", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option("--markdown", is_flag=True, help="With --list: the catalogue as a Markdown table.")
@click.option("--describe", "show_help", is_flag=True, help="With NAME: the query's parameters and columns.")
@format_option
@lang_option
@out_option
@read_options
@expected_errors
def query(name, pairs, list_queries, markdown, show_help, fmt, lang, out, endpoint, store, graph) -> None:
    """Run a named query from the query library (`kg query --list` shows them, `kg query NAME --describe`
    one query's parameters and columns)."""
    from kg.catalogue import catalogue_markdown, of_kind

    if list_queries and markdown:
        _emit(catalogue_markdown(), out)
        return
    if list_queries or not name:
        _emit("\n\n".join(_describe_query(q, brief=True) for q in of_kind("select")), out)
        return
    if show_help:
        from kg.catalogue import load_catalogue

        if name not in load_catalogue():
            raise Failure(f"unknown query {name!r}")
        _emit(_describe_query(load_catalogue()[name], brief=False), out)
        return
    g = _graph(endpoint, store, graph)
    params = _params(pairs)
    prepared = g.prepare(name, **params)
    if fmt in ("table", "md"):
        from kg.output import render

        text = render(g.run(prepared), fmt, lang, terms=_terms(g, lang))
        if prepared.query.network and params:  # what the article does not say is an answer too
            notes = g.query("network-notes", network=prepared.query.network)
            text += "".join(f"\n\nnot stated ({r['what']}): {r['note']}" for r in notes)
        _emit(text, out)
    else:
        _emit(g.serialize(prepared, fmt), out)


@_command("kg sparql 'SELECT ?s WHERE { ?s a kgo:Mediator }'")
@click.argument("query_or_file")
@format_option
@lang_option
@out_option
@read_options
@click.option("--memory-mb", default=1024, show_default=True, type=click.IntRange(min=64),
              help="Embedded store: memory the query may use (MB).")
@click.option("--federate", multiple=True, metavar="URL", help="Allow SERVICE to this endpoint (repeatable).")
@expected_errors
def sparql(query_or_file, fmt, lang, out, endpoint, store, graph, timeout_s, memory_mb, federate) -> None:
    """Run a SPARQL query given as text or as a file path (read-only; prefixes predeclared; SERVICE refused)."""
    from kg.iris import PREFIXES
    from kg.results import Result, serialize
    from kg.sparql import check_services

    path = Path(query_or_file)
    text = path.read_text(encoding="utf-8") if len(query_or_file) < 4096 and path.is_file() else query_or_file
    check_services(text, PREFIXES, federate)
    g = _graph(endpoint, store, graph)
    if g.store is not None:
        from kg.store import run_bounded

        raw = run_bounded(g.store, text, PREFIXES, timeout_s or 10.0, memory_mb)
        if fmt in ("table", "md"):
            from kg.output import render

            _emit(render(Result.from_engine(raw), fmt, lang), out)
        else:
            _emit(serialize(raw, fmt), out)
    elif fmt in ("table", "md"):
        from kg.output import render

        _emit(render(g.sparql(text), fmt, lang, terms=_terms(g, lang)), out)
    else:
        _emit(g.sparql_serialized(text, fmt), out)


@_command("kg why R44")
@click.argument("ident")
@format_option
@lang_option
@out_option
@read_options
@expected_errors
def why(ident, fmt, lang, out, endpoint, store, graph) -> None:
    """Provenance of a claim, citation or node: paragraph, lines, Persian quote, gloss, citation."""
    g = _graph(endpoint, store, graph)
    record, claims = g.query("record", id=ident), g.prepare("why", id=ident)
    result = g.run(claims)
    if not result.rows and not record.rows:
        raise Failure(f"nothing in the graph has the id {ident!r}{g.suggest_id(ident)}", code=1)
    if fmt not in ("table", "md"):
        _emit(g.serialize(claims, fmt), out)
        return
    from kg.output import describe, render

    parts = [describe(record)] if record.rows else []
    if result.rows:
        parts.append(f"{len(result)} claim{'s' if len(result) != 1 else ''} (reading-order text first, "
                     f"then the verbatim lines of the extraction):\n\n"
                     + render(result, fmt, lang, vertical=fmt == "table", terms=_terms(g, lang)))
    _emit("\n\n".join(parts), out)


@_command("kg read §2.1")
@click.argument("paragraph")
@sources_option
@article_option
@expected_errors
def read(paragraph: str, sources: Path | None, article: Path | None) -> None:
    """A paragraph (§2.1, T1, F1) in reading order, sentence by sentence, claim ids in the margin."""
    from kg.reading import load_rendition, paragraph_sentences
    from kg.sources import load_corpus

    corpus = load_corpus(sources, article)
    pid = paragraph if paragraph in corpus.paragraphs else f"§{paragraph.lstrip('§')}"
    if pid not in corpus.paragraphs:
        raise Failure(f"unknown paragraph {paragraph!r} (paragraph ids look like §2.1, T1, F1)")
    rend = load_rendition(corpus.text)
    state = "reviewed" if pid in rend.reviewed else "not yet reviewed against the reading edition"
    click.echo(f"{pid} (lines {', '.join(str(r) for r in corpus.paragraphs[pid].lines)}; {state})")
    for n, sentence in enumerate(paragraph_sentences(corpus, pid, rend), 1):
        click.echo(f"\n[{n}] {sentence.text}")
        for ident in sentence.claims:
            click.echo(f"      {ident}")


@_command("kg search 'Minsk Group co-chairs'")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="How many nodes to show.")
@click.option("--format", "fmt", type=click.Choice(["table", "md"]), default="table", show_default=True)
@out_option
@read_options
@expected_errors
def search(words, limit, fmt, out, endpoint, store, graph) -> None:
    """Ranked full-text search: several words in any order, English or Persian, one row per node."""
    from kg.output import render

    _emit(render(_graph(endpoint, store, graph).search(" ".join(words), limit), fmt), out)


@_command("kg network mediation --format html --out build/networks/mediation.html")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(NETWORK_FORMATS), default="graphml", show_default=True,
              help="csv writes two files for Gephi's spreadsheet import: NAME-nodes.csv and NAME-edges.csv.")
@click.option("--modality", type=click.Choice(NETWORK_MODALITIES), default="fact", show_default=True,
              help="fact: edges from asserted facts only; all: also attempts, aims, perceptions, forecasts "
                   "and reported views, each edge marked with its modality.")
@click.option("--out", default=None, metavar="FILE",
              help="Output file ('-': standard output)  [default: build/networks/NAME.FORMAT]")
@read_options
@expected_errors
def network(name, fmt, modality, out, endpoint, store, graph) -> None:
    """Export a derived network: alliances, mediation, memberships, rivalries, citations, argument, all."""
    from kg.networks import build_network, export, export_bytes

    if fmt == "csv" and out == STDOUT:
        raise Failure("--format csv writes two files (nodes and edges); give --out FILE, not '-'")
    g = _graph(endpoint, store, graph)
    net = build_network(g, name, modality)
    out = out or str(DEFAULT_OUT / "networks" / f"{name}.{fmt}")
    if fmt == "csv":
        written = export(net, "csv", Path(out))
        click.echo(f"wrote {name}: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges -> "
                   f"{', '.join(map(str, written))}")
        return
    if fmt == "html":
        from kg.viz import network_page

        _emit(network_page(g, name, modality).encode("utf-8"), out)
    else:
        _emit(export_bytes(net, fmt), out)
    if out != STDOUT:
        click.echo(f"wrote {name}: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges -> {out}")


@_command("kg site --out build/site")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT / "site",
              show_default=True, help="Output folder.")
@read_options
@expected_errors
def site(out, endpoint, store, graph) -> None:
    """Write the offline site: index, network pages, timeline, table T1, ontology reference."""
    from kg.site import write_site

    files = write_site(_graph(endpoint, store, graph), out)
    click.echo(f"wrote {len(files)} pages into {out}/ (open {out / 'index.html'})")


@_command("kg load --store build/store build/karabakh.nq")
@click.option("--store", "path", required=True, type=click.Path(path_type=Path),
              help="Folder of the on-disk store (replaced atomically).")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@expected_errors
def load(path: Path, files: tuple[Path, ...]) -> None:
    """Build a persistent Oxigraph store from RDF FILES (default: the shipped sources' graph)."""
    from kg.persist import check_target, load_store

    check_target(path)
    nquads = None
    if not files:
        from kg.default import default_nquads

        nquads = default_nquads()
    if sys.stderr.isatty():
        with click.progressbar(length=max(1, len(files)), label="loading", show_pos=True, file=sys.stderr) as bar:
            count = load_store(path, list(files), nquads=nquads, progress=lambda _: bar.update(1))
    else:
        count = load_store(path, list(files), nquads=nquads)
    click.echo(f"loaded {count} quads into {path}")


@_command("kg push --to http://127.0.0.1:7878/store --update http://127.0.0.1:7878/update --graph build/karabakh.nq")
@click.option("--to", "store_url", metavar="URL",
              help="The store's Graph Store Protocol endpoint (Oxigraph /store, Fuseki /DATASET/data, "
                   "Virtuoso /sparql-graph-crud-auth).")
@click.option("--update", "update_url", metavar="URL",
              help="Its SPARQL update endpoint (Oxigraph /update, Virtuoso /sparql-auth): the graphs are then "
                   "switched by MOVE, all at once on a transactional store.")
@click.option("--chunk", "chunk_size", default=50_000, show_default=True, type=click.IntRange(min=1),
              help="Triples per request.")
@click.option("--timeout", "timeout_s", default=300.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              metavar="S", help="Seconds to wait for a connection and for each reply.")
@credential_options
@click.option("--virtuoso", is_flag=True,
              help="Send nothing: write one N-Triples file per graph into --out and print the steps of "
                   "Virtuoso's bulk loader (isql).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT / "virtuoso",
              show_default=True, help="With --virtuoso: the folder of the files.")
@graph_option
@expected_errors
def push(store_url, update_url, chunk_size, timeout_s, user, password, token, auth, virtuoso, out, graph) -> None:
    """Hand the graph over to an external store: each named graph in chunks into a temporary graph, then
    all switched; on a failure the store's graphs are left as they were."""
    if not store_url and not virtuoso:
        raise Failure("give --to URL (the store's Graph Store Protocol endpoint), or --virtuoso")
    nquads = _nquads(graph, None, None)
    if virtuoso:
        from kg.push import virtuoso_steps

        click.echo(virtuoso_steps(nquads, out))
        return
    from kg.push import push as run

    def progress(name: str, sent: int, total: int) -> None:
        click.echo(f"\rsending {name}: chunk {sent}/{total}", err=True, nl=sent == total)

    report = run(nquads, store_url, update_url=update_url, credentials=_credentials(user, password, token, auth),
                 timeout_s=timeout_s, chunk_size=chunk_size, progress=progress if sys.stderr.isatty() else None)
    for g in report.graphs:
        click.echo(f"{g.triples:>9} triples in {g.chunks} chunk{'s' * (g.chunks != 1)} -> {g.graph}")
    click.echo(f"pushed {len(report.graphs)} graphs, {report.triples} triples in {report.chunks} chunks, "
               f"switched by {report.switch}, in {report.seconds:.1f} s")
    if report.leftover:
        click.echo(f"kg: warning: {report.leftover}", err=True)


@_command("kg serve --port 7878")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=int, help="TCP port (0: any free port).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Serve a persistent store made by `kg load` (default: the shipped sources' graph).")
@click.option("--timeout", "timeout_s", default=10.0, show_default=True, type=float,
              help="Per-query limit (s); the query's worker is stopped at the deadline.")
@click.option("--max-request-bytes", default=64 * 1024, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="Query worker processes.")
@click.option("--memory-mb", default=2048, show_default=True, type=int, help="Memory ceiling of each worker (MB).")
@click.option("--max-connections", default=256, show_default=True, type=int, help="Open connections at most.")
@click.option("--header-timeout", "header_timeout_s", default=10.0, show_default=True, type=float,
              help="Seconds a client has to send its request headers, and then its body.")
@click.option("--federate", multiple=True, metavar="URL", help="Allow SERVICE to this endpoint (repeatable).")
@click.option("--allow-updates", is_flag=True, help="Accept SPARQL updates at /update (needs --token).")
@click.option("--token", help="Bearer token required for updates.")
@click.option("--low-memory", is_flag=True,
              help="Workers read the on-disk store instead of holding an in-memory copy.")
@expected_errors
def serve(host, port, store, timeout_s, max_request_bytes, workers, memory_mb, max_connections, header_timeout_s,
          federate, allow_updates, token, low_memory) -> None:
    """Serve the graph over the SPARQL 1.1 protocol (read-only, loopback, by default)."""
    from kg.server import Settings
    from kg.server import serve as run

    settings = Settings(host=host, port=port, store=store, timeout_s=timeout_s,
                        max_request_bytes=max_request_bytes, allow_updates=allow_updates, token=token,
                        in_memory=not low_memory, workers=workers, memory_mb=memory_mb,
                        max_connections=max_connections, header_timeout_s=header_timeout_s, federate=list(federate))
    settings.check()
    nquads = None
    if store is None:
        from kg.default import default_nquads

        nquads = default_nquads()

    def ready(s: Settings) -> None:
        click.echo(f"serving SPARQL at http://{s.host}:{s.port}/query (page: http://{s.host}:{s.port}/); Ctrl-C stops")
        sys.stdout.flush()

    run(settings, nquads=nquads, ready=ready)


if __name__ == "__main__":  # pragma: no cover
    main()
