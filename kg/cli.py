"""The ``kg`` command line: a thin layer over the library.

Heavy libraries are imported inside the commands, so ``kg --help`` stays fast. Every expected
failure (bad input, a broken source file, a failed check) ends with one line on stderr and a
non-zero exit code, never a traceback: 1 = a check found problems, 2 = bad input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from kg.networks import FORMATS as NETWORK_FORMATS

DEFAULT_OUT = Path("build")


class Failure(click.ClickException):
    """A one-line error with an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.exit_code = code

    def show(self, file=None) -> None:  # noqa: D102 - one line, no "Error:" decoration
        click.echo(f"kg: {self.message}", err=True)


def expected_errors(func: Callable) -> Callable:
    """Turn the library's expected exceptions into one-line failures."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        from kg.catalogue import QueryFileError
        from kg.graph import QueryError
        from kg.persist import StoreError
        from kg.reason import ReasonerUnavailable
        from kg.resources import ResourceMissing
        from kg.server import ServerError
        from kg.sources import SourceError

        try:
            return func(*args, **kwargs)
        except (SourceError, QueryFileError, QueryError, ResourceMissing, ReasonerUnavailable,
                StoreError, ServerError) as exc:
            raise Failure(str(exc).splitlines()[0]) from None
        except SyntaxError as exc:  # pyoxigraph's parse errors for a broken graph file
            raise Failure(f"invalid RDF input: {' '.join(str(exc).split())[:200]}") from None
        except OSError as exc:
            raise Failure(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")) from None

    return wrapper


sources_option = click.option("--sources", type=click.Path(file_okay=False, path_type=Path),
                              help="Folder of curated YAML sources (default: the shipped ones).")
article_option = click.option("--article", type=click.Path(dir_okay=False, path_type=Path),
                              help="The article text (default: the shipped article-fa.txt).")
graph_option = click.option("--graph", type=click.Path(dir_okay=False, path_type=Path),
                            help="A built karabakh.nq to use instead of compiling the sources.")


def _nquads(graph: Path | None, sources: Path | None, article: Path | None) -> bytes:
    if graph is not None:
        if not graph.is_file():
            raise Failure(f"{graph}: no such graph file (run `kg build` first)")
        return graph.read_bytes()
    from kg.build import compile_nquads

    return compile_nquads(sources, article)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="karabakh-kg")
def main() -> None:
    """karabakh-kg: the knowledge graph of Hajimineh & Falahati (2025), 'Explaining the
    Karabakh conflict ... with emphasis on the neo-neo debate'."""


@main.command()
@sources_option
@article_option
@expected_errors
def check(sources: Path | None, article: Path | None) -> None:
    """Check the curated sources: schema, cross-references and verbatim quotes."""
    from kg.sources import load_corpus

    corpus = load_corpus(sources, article)
    click.echo(f"ok: {len(corpus.claims)} claims, {len(corpus.entities)} entities, "
               f"{len(corpus.citations)} citations; every quote matches its lines")


@main.command()
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


@main.command()
@graph_option
@sources_option
@article_option
@click.option("--skip-owl", is_flag=True, help="Skip the HermiT consistency check.")
@expected_errors
def validate(graph: Path | None, sources: Path | None, article: Path | None, skip_owl: bool) -> None:
    """Provenance check, SHACL shapes and OWL consistency (HermiT)."""
    from kg.sources import read_article
    from kg.validate import check_consistency, check_provenance, check_shacl

    nquads = _nquads(graph, sources, article)
    from kg.reading import check_graph

    checks = [("provenance", lambda: check_provenance(nquads, read_article(article))),
              ("reading texts", lambda: check_graph(nquads, read_article(article))),
              ("shacl", lambda: check_shacl(nquads))]
    if not skip_owl:
        checks.append(("owl consistency (HermiT)", lambda: check_consistency(nquads)))
    failed = 0
    for name, run in checks:
        problems = run()
        click.echo(f"{name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for p in problems[:50]:
            click.echo(f"  {p}")
        failed += len(problems)
    if failed:
        raise Failure(f"validation failed with {failed} problem(s)", code=1)


@main.command()
@graph_option
@sources_option
@article_option
@click.option("--write", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the inferred triples to this N-Triples file.")
@expected_errors
def reason(graph: Path | None, sources: Path | None, article: Path | None, write: Path | None) -> None:
    """Run HermiT: consistency, inferred class memberships and property assertions."""
    from kg.reason import Inconsistent, run_hermit, write_inferred

    try:
        result = run_hermit(_nquads(graph, sources, article))
    except Inconsistent as exc:
        raise Failure(f"inconsistent: {exc}", code=1) from None
    click.echo(f"consistent: yes; inferred {result.inferred_types} class memberships and "
               f"{result.inferred_properties} property assertions")
    if result.unsatisfiable:
        click.echo("unsatisfiable classes: " + ", ".join(result.unsatisfiable))
    if write:
        write_inferred(result, write)
        click.echo(f"wrote {len(result.triples)} inferred triples to {write}")
    if result.unsatisfiable:
        sys.exit(1)


@main.command()
@graph_option
@sources_option
@article_option
@expected_errors
def stats(graph: Path | None, sources: Path | None, article: Path | None) -> None:
    """Counts per class and coverage of the reading edition's ids."""
    from kg.stats import coverage, format_report

    click.echo(format_report(coverage(_nquads(graph, sources, article))))


def endpoint_option(func: Callable) -> Callable:
    """``--endpoint URL`` and ``--store PATH``: where the graph is read from."""
    func = click.option("--store", type=click.Path(file_okay=False, path_type=Path),
                        help="Read a persistent store made by `kg load --store`.")(func)
    return click.option("--endpoint", metavar="URL",
                        help="Query a SPARQL 1.1 endpoint instead of the embedded store.")(func)
format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "ttl"]),
                             default="table", show_default=True, help="Output format.")
lang_option = click.option("--lang", type=click.Choice(["en", "fa"]), default="en", show_default=True,
                           help="Label language shown in tables.")


def _graph(endpoint: str | None, graph: Path | None, store: Path | None = None):
    import kg.graph

    if graph is not None and not graph.is_file():
        raise Failure(f"{graph}: no such graph file (run `kg build` first)")
    return kg.graph.load(endpoint=endpoint, graph=graph, store=store)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise Failure(f"--param needs NAME=VALUE, got {pair!r}")
        params[name.strip()] = value
    return params


@main.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "pairs", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option("--markdown", is_flag=True, help="With --list: the catalogue as a Markdown table.")
@format_option
@lang_option
@endpoint_option
@graph_option
@expected_errors
def query(name, pairs, list_queries, markdown, fmt, lang, endpoint, store, graph) -> None:
    """Run a named query from the query library (`kg query --list` shows them)."""
    from kg.catalogue import catalogue_markdown, load_catalogue
    from kg.output import render

    if list_queries and markdown:
        click.echo(catalogue_markdown())
        return
    if list_queries or not name:
        for q in load_catalogue().values():
            if q.kind == "select":
                params = ", ".join(p["name"] for p in q.parameters)
                click.echo(f"{q.name:<20} {q.summary}" + (f"  [params: {params}]" if params else ""))
        return
    g = _graph(endpoint, graph, store)
    click.echo(render(g.query(name, **_params(pairs)), fmt, lang))


@main.command()
@click.argument("query_or_file")
@format_option
@lang_option
@endpoint_option
@graph_option
@expected_errors
def sparql(query_or_file, fmt, lang, endpoint, store, graph) -> None:
    """Run a SPARQL query given as text or as a file path (read-only; prefixes predeclared)."""
    from kg.output import render

    path = Path(query_or_file)
    text = path.read_text(encoding="utf-8") if len(query_or_file) < 4096 and path.is_file() else query_or_file
    click.echo(render(_graph(endpoint, graph, store).sparql(text), fmt, lang))


@main.command()
@click.argument("ident")
@format_option
@lang_option
@endpoint_option
@graph_option
@expected_errors
def why(ident, fmt, lang, endpoint, store, graph) -> None:
    """Provenance of a claim, citation or node: paragraph, lines, Persian quote, gloss, citation."""
    from kg.output import render

    result = _graph(endpoint, graph, store).explain(ident)
    if not result.rows:
        raise Failure(f"nothing in the graph has the id {ident!r}", code=1)
    click.echo(render(result, fmt, lang, vertical=True))


@main.command()
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


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(NETWORK_FORMATS), default="graphml", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: build/networks/NAME.FORMAT).")
@endpoint_option
@graph_option
@expected_errors
def network(name, fmt, out, endpoint, store, graph) -> None:
    """Export a derived network: alliances, mediation, memberships, rivalries, citations, argument, all."""
    from kg.networks import export

    g = _graph(endpoint, graph, store)
    net = g.network(name)
    out = out or DEFAULT_OUT / "networks" / f"{name}.{fmt}"
    if fmt == "html":
        from kg.viz import write_page

        write_page(net, out, graph=g)
    else:
        export(net, fmt, out)
    click.echo(f"wrote {name}: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges -> {out}")


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@endpoint_option
@graph_option
@expected_errors
def site(outdir, endpoint, store, graph) -> None:
    """Write the offline site: index, network pages, timeline, table T1, ontology reference."""
    from kg.site import write_site

    files = write_site(_graph(endpoint, graph, store), outdir)
    click.echo(f"wrote {len(files)} pages into {outdir}/ (open {outdir / 'index.html'})")


@main.command()
@click.option("--store", "path", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the on-disk store (replaced atomically).")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@expected_errors
def load(path: Path, files: tuple[Path, ...]) -> None:
    """Build a persistent Oxigraph store from RDF FILES (default: the compiled graph)."""
    from kg.persist import load_store

    with click.progressbar(length=max(1, len(files)), label="loading", show_pos=True,
                           file=sys.stderr) as bar:
        count = load_store(path, list(files), progress=lambda _: bar.update(1))
    click.echo(f"loaded {count} quads into {path}")


@main.command()
@click.option("--to", "store_url", required=True, metavar="URL",
              help="The store's Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--token", help="Bearer token, if the store needs one.")
@graph_option
@expected_errors
def push(store_url: str, token: str | None, graph: Path | None) -> None:
    """Hand the graph over to an external SPARQL 1.1 store (Graph Store Protocol, one PUT per graph)."""
    from kg.persist import push_graph_store

    counts = push_graph_store(_nquads(graph, None, None), store_url, token)
    for name, n in counts.items():
        click.echo(f"{n:>7} triples -> {name}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Serve a persistent store made by `kg load` (default: the compiled graph).")
@click.option("--timeout", "timeout_s", default=10, show_default=True, type=int, help="Per-query timeout (s).")
@click.option("--max-request-bytes", default=64 * 1024, show_default=True, type=int)
@click.option("--allow-updates", is_flag=True, help="Accept SPARQL updates at /update (needs --token).")
@click.option("--token", help="Bearer token required for updates.")
@click.option("--low-memory", is_flag=True,
              help="Answer named queries from the on-disk store instead of an in-memory copy.")
@expected_errors
def serve(host, port, store, timeout_s, max_request_bytes, allow_updates, token, low_memory) -> None:
    """Serve the graph over the SPARQL 1.1 protocol (read-only, loopback, by default)."""
    from kg.server import Settings, serve as run

    settings = Settings(host=host, port=port, store=store, timeout_s=timeout_s,
                        max_request_bytes=max_request_bytes, allow_updates=allow_updates, token=token,
                        in_memory=not low_memory)
    run(settings, ready=lambda s: click.echo(f"serving SPARQL at http://{s.host}:{s.port}/query "
                                             f"(page: http://{s.host}:{s.port}/); Ctrl-C stops"))


if __name__ == "__main__":  # pragma: no cover
    main()
