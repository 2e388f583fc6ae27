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
        from kg.reason import ReasonerUnavailable
        from kg.resources import ResourceMissing
        from kg.sources import SourceError

        try:
            return func(*args, **kwargs)
        except (SourceError, QueryFileError, ResourceMissing, ReasonerUnavailable) as exc:
            raise Failure(str(exc).splitlines()[0]) from None
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
    checks = [("provenance", lambda: check_provenance(nquads, read_article(article))),
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


if __name__ == "__main__":  # pragma: no cover
    main()
