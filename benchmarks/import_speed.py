"""Import speed: generate N synthetic saved pages and import them, on SQLite and (when a server
is given) PostgreSQL. Reports pages per second for a first import (create and publish), a
re-import of the same files (all unchanged) and a dry run, against a baseline measured in the
same run: creating and publishing the same articles straight through Wagtail's API, without
reading, repairing, parsing or matching anything.

Run from the project root with the project's Python:

    .venv/bin/python benchmarks/import_speed.py                      # 300 pages, SQLite
    .venv/bin/python benchmarks/import_speed.py --pages 500 \\
        --postgres postgres://postgres@127.0.0.1:5432/postgres       # and PostgreSQL

Every backend gets a scratch database (a temporary SQLite file; for PostgreSQL a database
`kb_import_bench_<pid>` created on the given server and dropped afterwards). The pages are
written by our own generator from a small Dutch vocabulary: no third-party text.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

WORDS = [
    "leerling",
    "leraar",
    "klas",
    "school",
    "leren",
    "kind",
    "ouders",
    "gedrag",
    "aandacht",
    "groep",
    "motivatie",
    "feedback",
    "begeleiding",
    "ontwikkeling",
    "taal",
    "rekenen",
    "spel",
    "ruimte",
    "vraag",
    "antwoord",
    "gesprek",
    "vertrouwen",
    "grenzen",
    "structuur",
    "oefenen",
    "samen",
    "zelf",
    "keuze",
    "tijd",
    "pauze",
    "rust",
    "plan",
    "doel",
    "succes",
    "fout",
    "moed",
    "onderzoek",
    "praktijk",
    "aanpak",
    "voorbeeld",
    "team",
    "mentor",
    "start",
    "week",
    "dag",
    "beurt",
    "opdracht",
    "werk",
]
VERBS = [
    "helpt",
    "vraagt",
    "geeft",
    "maakt",
    "zoekt",
    "leert",
    "bouwt",
    "kiest",
    "ziet",
    "merkt",
    "houdt",
    "biedt",
]
GIVEN = [
    "Anouk",
    "Bas",
    "Charlotte",
    "Daan",
    "Eline",
    "Floor",
    "Gijs",
    "Hanna",
    "Ivo",
    "Jasmijn",
    "Koen",
    "Lieke",
    "Mees",
    "Noor",
]
PARTICLES = ["", "", "van", "de", "van der", "ten", "van den"]
FAMILY = [
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Kok",
]
THEMES = ["Algemeen", "Leren", "Sociaal", "Motivatie", "Problemen"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 12))]
    words.insert(2, rng.choice(VERBS))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def author(rng: random.Random) -> tuple[str, str]:
    given, particle, family = rng.choice(GIVEN), rng.choice(PARTICLES), rng.choice(FAMILY)
    name = " ".join(part for part in (given, particle, family) if part)
    citation = f"{family}, {given[0]}." + (f" {particle}" if particle else "")
    return name, citation


# A site has a few dozen regular authors and a fixed set of topics: pages draw from pools, so
# matching (not creating) is what most pages exercise, as in a real move.
_POOL = random.Random(1)
AUTHORS = [author(_POOL) for _ in range(30)]
TOPICS = {theme: [f"{theme} {word}" for word in _POOL.sample(WORDS, 4)] for theme in THEMES}


def saved_page(number: int, rng: random.Random) -> str:
    """One page in the layout of the old platform's saved pages (see docs/import.md)."""
    name, citation = rng.choice(AUTHORS)
    short = f"{rng.choice(WORDS).capitalize()} en {rng.choice(WORDS)} {number}"
    title = f"{short}: {' '.join(rng.choice(WORDS) for _ in range(5))}"
    year = rng.randint(2008, 2020)
    url = f"https://oude-kennisbank.example/pagina-{number}.php"
    menu = []
    for theme in THEMES:
        menu += [theme, " ".join(TOPICS[theme])]
    body = []
    for section in range(rng.randint(3, 6)):
        body += [f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {section + 1}", ""]
        for _ in range(rng.randint(1, 3)):
            body += [paragraph(rng), ""]
        if rng.random() < 0.6:
            body += [f" • {rng.choice(WORDS)} {rng.choice(WORDS)};" for _ in range(4)] + [""]
    literature = [
        f" • {author(rng)[1]} ({rng.randint(1990, 2020)}). "
        f"{' '.join(rng.choice(WORDS) for _ in range(6)).capitalize()}. Utrecht: Fictief."
        for _ in range(rng.randint(3, 8))
    ]
    cite = [f"{citation} ({year}) {title}.", "Geraadpleegd op 01-02-2021,", f"van {url}"]
    related = []
    for _ in range(4):
        related += [rng.choice(WORDS).capitalize(), sentence(rng), author(rng)[0]]
    crumb = rng.choice(TOPICS[rng.choice(THEMES)])
    lines = [
        *menu,
        "",
        short,
        "",
        name,
        "",
        f"{rng.choice(WORDS).capitalize()}deskundige bij Stichting {rng.choice(FAMILY)}",
        "",
        f"  Geplaatst op {rng.randint(1, 28)} juni {year}",
        "",
        *cite,
        "",
        *body,
        "Literatuur",
        "",
        *literature,
        "",
        *cite,
        "",
        "Gerelateerd",
        "",
        *related,
        "Schrijf in voor de nieuwsbrief",
        "[extra-breed-algemeen-kolom2]",
        "",
        f"{crumb}Inschrijven nieuwsbrief",
        "Volg ons op LinkedIn Volg ons op twitter",
    ]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"pagina-{number:05d}.txt").write_text(saved_page(number, rng), "utf-8")


# The worker runs in a subprocess with the scratch database's environment.


def worker(pages_dir: Path, count: int, profile: str = "") -> dict:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)

    from kennisbank.importer.services import Importer, parse_source
    from kennisbank.importer.sources import iter_sources

    parse_workers = int(os.environ["IMPORT_BENCH_PARSE_WORKERS"])
    results = {"backend": connection.vendor, "pages": count, "parse_workers": parse_workers}

    def measure(key: str, pages: int, function):
        """Pages per second of wall time, and of this process's CPU time: the machine may be
        shared, and CPU time shows what the code costs whatever else is running."""
        wall, cpu = time.perf_counter(), time.process_time()
        value = function()
        results[f"{key}_pages_per_s"] = pages / (time.perf_counter() - wall)
        results[f"{key}_pages_per_cpu_s"] = pages / max(time.process_time() - cpu, 1e-9)
        return value

    parsed = measure(
        "parse_only", count, lambda: [parse_source(i)[0] for i in iter_sources([pages_dir])]
    )
    baseline_count = min(count, 100)
    measure("baseline", baseline_count, lambda: _baseline(parsed[:baseline_count]))
    for label, options in (
        ("dry_run", {"dry_run": True, "publish": True}),
        ("import", {"publish": True}),
        ("reimport_unchanged", {"publish": True}),
    ):

        def function(o=options):
            return Importer(**o, parse_workers=parse_workers).import_paths([str(pages_dir)])

        if profile and label == "import":
            import cProfile

            profiler = cProfile.Profile()
            run = measure(label, count, lambda f=function, p=profiler: p.runcall(f))
            profiler.dump_stats(profile)
        else:
            run = measure(label, count, function)
        results[f"{label}_counts"] = run.report["counts"]
    results["import_vs_baseline"] = results["import_pages_per_s"] / results["baseline_pages_per_s"]
    results["reference_loop_ms"] = reference_loop_ms()
    results["load_average"] = os.getloadavg()[0]
    results["cpus"] = os.cpu_count()
    return results


def reference_loop_ms() -> float:
    """The best of three runs of a fixed pure-Python loop, in ms: the same CPU gives the same
    figure, so pages per second from different days (the machines here drift by 2-3x) can be
    compared through it."""
    best = float("inf")
    for _ in range(3):
        start, total = time.perf_counter(), 0
        for number in range(2_000_000):
            total += number
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _baseline(parsed) -> None:
    """The same articles created and published directly, as a developer would in a script."""
    from django.utils.text import slugify

    from kennisbank.articles.models import (
        ArticleAuthor,
        ArticleIndexPage,
        ArticlePage,
        ArticleReference,
    )
    from kennisbank.literature.services import reference_for_text
    from kennisbank.people.models import Author

    index = ArticleIndexPage.objects.first()
    author = Author.objects.first()
    for number, article in enumerate(parsed):
        page = ArticlePage(
            title=article.title,
            short_title=article.short_title[:80],
            slug=f"baseline-{number}-{slugify(article.short_title)}"[:200],
            lead=article.lead[:600],
            published_date=article.published_date,
            body=article.body,
        )
        page.article_authors = [ArticleAuthor(author=author)]
        references = {ref.pk: ref for ref, _ in map(reference_for_text, article.literature)}
        page.literature_links = [ArticleReference(reference=ref) for ref in references.values()]
        page.live = False
        index.add_child(instance=page)
        page.save_revision().publish()


def run_backend(
    label: str,
    database_url: str | None,
    pages_dir: Path,
    count: int,
    profile: str = "",
    parse_workers: int = 0,
) -> dict:
    with tempfile.TemporaryDirectory(prefix="kb-import-bench-") as var_dir:
        env = dict(os.environ)
        for name in ("DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT"):
            env.pop(name, None)
        env.update(
            KENNISBANK_VAR_DIR=var_dir,
            DJANGO_SETTINGS_MODULE="kennisbank.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            PYTHONPATH=str(ROOT),
            IMPORT_BENCH_PARSE_WORKERS=str(parse_workers),
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        out = Path(var_dir) / "result.json"
        command = [sys.executable, __file__, "--worker", str(pages_dir), str(count), str(out)]
        if profile:
            command += ["--profile", f"{profile}.{label.lower()}"]
        print(f"… {label}: importing {count} pages", flush=True)
        subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=3600)
        return json.loads(out.read_text())


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (a scratch database is made)")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="cProfile the import step; stats go to FILE.sqlite and FILE.postgresql "
        "(read them with `python -m pstats`)",
    )
    parser.add_argument(
        "--parse-workers",
        type=int,
        help="worker processes parsing ahead of the writer (default: as `kennisbank import`, "
        "the number of CPUs minus one, at most 3; 0 parses in the writing process)",
    )
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        pages_dir, count, out = args.worker
        Path(out).write_text(json.dumps(worker(Path(pages_dir), int(count), args.profile or "")))
        return

    if args.parse_workers is None:
        sys.path.insert(0, str(ROOT))
        from kennisbank.importer.parallel import default_parse_workers

        args.parse_workers = default_parse_workers()
    results = []
    with tempfile.TemporaryDirectory(prefix="kb-import-pages-") as pages:
        generate(Path(pages), args.pages, args.seed)
        results.append(
            run_backend("SQLite", None, Path(pages), args.pages, args.profile, args.parse_workers)
        )
        if args.postgres:
            import psycopg

            name = f"kb_import_bench_{os.getpid()}"
            with psycopg.connect(args.postgres, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')
            try:
                results.append(
                    run_backend(
                        "PostgreSQL",
                        with_database(args.postgres, name),
                        Path(pages),
                        args.pages,
                        args.profile,
                        args.parse_workers,
                    )
                )
            finally:
                with psycopg.connect(args.postgres, autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    print()
    print(f"{'':<22}" + "".join(f"{r['backend']:>22}" for r in results))
    rows = [
        ("parse only", "parse_only"),
        ("baseline (Wagtail)", "baseline"),
        ("import + publish", "import"),
        ("re-import unchanged", "reimport_unchanged"),
        ("dry run", "dry_run"),
    ]
    for label, key in rows:
        print(
            f"{label + ' (pages/s)':<22}"
            + "".join(
                f"{r[key + '_pages_per_s']:>8.1f} ({r[key + '_pages_per_cpu_s']:.0f}/cpu-s)"
                for r in results
            )
        )
    print(
        f"{'import / baseline':<22}" + "".join(f"{r['import_vs_baseline']:>8.2f}" for r in results)
    )
    for r in results:
        print(
            f"{r['backend']}: {r['parse_workers']} parse worker(s) (their CPU time is not in "
            f"cpu-s), counts {r['import_counts']}, re-import "
            f"{r['reimport_unchanged_counts']}; load average {r['load_average']:.1f} "
            f"on {r['cpus']} CPUs; reference loop {r['reference_loop_ms']:.0f} ms"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
