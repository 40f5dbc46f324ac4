"""
Development tasks: ``nox -s tests``, ``lint``, ``typecheck``, ``docs``,
``build``. ``nox`` alone runs them all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile

from pathlib import Path

import nox


nox.needs_version = ">=2024.10"
# pip, not uv: pip honours the machine's pip.conf (certificates, mirrors).
nox.options.default_venv_backend = "virtualenv"
# Reusing environments keeps a second run fast; CI starts from nothing.
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_external_run = True
# A supported Python that cannot be found fails its session, here as in CI:
# a test run that skipped a Python is no pass.
nox.options.error_on_missing_interpreters = True
nox.options.sessions = [
    "tests",
    "browser",
    "office",
    "dask",
    "lint",
    "typecheck",
    "docs",
    "build",
]

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = nox.project.python_versions(PYPROJECT)
ROOT = Path(__file__).parent


def _pyenv_versions() -> Path | None:
    """
    pyenv's folder of interpreters, if pyenv is there.
    """
    root = os.environ.get("PYENV_ROOT")
    if root is None and shutil.which("pyenv"):
        found = subprocess.run(
            ["pyenv", "root"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        root = found.stdout.strip() or None
    return None if root is None else Path(root, "versions")


def _put_pyenv_pythons_on_path(versions: list[str]) -> None:
    """
    Put the newest of pyenv's interpreters of each version on PATH.

    pyenv's shims run only the versions a project selects, so nox, which
    finds interpreters on PATH, finds the shims but cannot run them.
    """
    folder = _pyenv_versions()
    if folder is None or not folder.is_dir():
        return
    paths = []
    for version in versions:
        found = [
            path
            for path in folder.glob(f"{version}.*")
            if re.fullmatch(rf"{re.escape(version)}\.\d+", path.name)
            and (path / "bin" / f"python{version}").exists()
        ]
        if found:
            newest = max(found, key=lambda p: int(p.name.rsplit(".", 1)[1]))
            paths.append(str(newest / "bin"))
    os.environ["PATH"] = os.pathsep.join([*paths, os.environ["PATH"]])


def _installed(version: str) -> bool:
    """
    Whether an interpreter of *version* that nox can run is on PATH (not a
    pyenv shim).
    """
    found = shutil.which(f"python{version}")
    return found is not None and "shims" not in Path(found).parts


def _group(name: str) -> list[str]:
    return nox.project.dependency_groups(PYPROJECT, name)


_put_pyenv_pythons_on_path(PYTHONS)
# Every supported Python: one that cannot be found fails its session.
TEST_PYTHONS = PYTHONS
# The other sessions run once, on the newest Python found (Sphinx needs
# 3.11 or newer).
DOCS_PYTHON = next(
    (v for v in reversed(PYTHONS) if _installed(v)), PYTHONS[-1]
)
# Branch coverage doubles the tests' time: it is measured once, on the
# newest Python (the other Pythons still run every test).
COVERAGE_PYTHON = DOCS_PYTHON


@nox.session(python=TEST_PYTHONS)
def tests(session: nox.Session) -> None:
    """
    Run the tests and doctests on each Python, with branch coverage on the
    newest.
    """
    # The demo renderer is a separate distribution with an entry point, to
    # test how third-party renderers are found.
    session.install(
        ".[docx,xlsx,pdf,records]",
        "./tests/plugins/demo-renderer",
        *_group("tests"),
    )
    env = {"HCC_REPORT_REQUIRE_PLUGIN": "1"}
    # The office suite's conversions and the clusters are slow: nox -s
    # office, dask and spark run them once.
    pytest = ("pytest", "-m", "not office and not dask and not spark")
    if session.python != COVERAGE_PYTHON:
        session.run(*pytest, *session.posargs, env=env)
        return
    env["COVERAGE_FILE"] = str(ROOT / f".coverage.py{session.python}")
    session.run("coverage", "run", "-m", *pytest, *session.posargs, env=env)
    session.run("coverage", "combine", "--quiet", env=env)
    session.run("coverage", "report", env=env)


@nox.session(python=DOCS_PYTHON)
def browser(session: nox.Session) -> None:
    """
    Check the HTML page in headless Chromium (Debian's chromium package).
    """
    session.install(".", *_group("browser"))
    session.run(
        "pytest",
        "-m",
        "browser",
        "tests/test_browser.py",
        *session.posargs,
        env={"HCC_REPORT_REQUIRE_BROWSER": "1"},
    )
    session.log(f"screenshots and PDFs: {ROOT / 'build' / 'test-output'}")


@nox.session(python=DOCS_PYTHON)
def office(session: nox.Session) -> None:
    """
    Open the DOCX and XLSX in LibreOffice (Debian's
    libreoffice-writer-nogui and libreoffice-calc-nogui): convert them to
    PDF, check the pages, and keep a PNG of each (poppler-utils).
    """
    session.install(".[docx,xlsx]", *_group("tests"))
    session.run(
        "pytest",
        "-m",
        "office",
        "tests/test_office.py",
        *session.posargs,
        env={"HCC_REPORT_REQUIRE_OFFICE": "1"},
    )
    session.log(f"pictures: {ROOT / 'build' / 'test-output' / 'office'}")


@nox.session(python=DOCS_PYTHON)
def dask(session: nox.Session) -> None:
    """
    Count records on a local Dask cluster of two worker processes, read
    from a partitioned Parquet dataset, against plain Python.
    """
    session.install(".[dask]", *_group("tests"))
    session.run(
        "pytest",
        "-m",
        "dask",
        "tests/test_records_cluster.py",
        *session.posargs,
        env={"HCC_REPORT_REQUIRE_DASK": "1"},
    )


@nox.session(python=DOCS_PYTHON)
def spark(session: nox.Session) -> None:
    """
    Count records with PySpark through narwhals, against plain Python
    (needs Java 17 or newer; not part of the default run).
    """
    if shutil.which("java") is None:
        session.skip("PySpark needs Java")
    # PySpark warns that it does not yet support pandas 3.
    session.install(".[records]", "pyspark>=3.5", "pandas<3", *_group("tests"))
    session.run(
        "pytest",
        "-m",
        "spark",
        "tests/test_records_cluster.py",
        *session.posargs,
        env={"HCC_REPORT_REQUIRE_SPARK": "1"},
    )


@nox.session(python=DOCS_PYTHON)
def lint(session: nox.Session) -> None:
    """
    Check the code with ruff (lint rules and formatting), its layers with
    import-linter (the contracts in pyproject.toml), and that the message
    catalogues hold the messages of the sources (``messages -- --check``).
    """
    session.install(".", *_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    # The private-modules contract type lives with the tests.
    session.run(
        "lint-imports",
        env={"PYTHONPATH": str(ROOT / "tests" / "lint")},
    )
    _messages(session, check=True)


#: Where the message catalogues are, and their template.
LOCALE = "src/hcc_report/locale"
TEMPLATE = f"{LOCALE}/hcc_report.pot"
#: How `pybabel extract` reads the sources: babel.cfg says where, N_ and
#: NP_ mark messages defined before they are translated.
EXTRACT = [
    "-F",
    "babel.cfg",
    "-k",
    "N_",
    "-k",
    "NP_:1c,2",
    "--add-location=file",
    "--sort-output",
    "--width=79",
    "--project=hcc-report",
    "--copyright-holder=The hcc-report developers",
]


def _template_text(path: Path) -> str:
    """
    A template's messages, without its header (the year, the date it was
    made, the version of Babel): the text after the first blank line.
    """
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def _messages(session: nox.Session, *, check: bool) -> None:
    session.install("babel>=2.12", "jinja2>=3.1")
    if check:
        fresh = Path(session.create_tmp()) / "hcc_report.pot"
        session.run(
            "pybabel", "-q", "extract", *EXTRACT, "-o", str(fresh), "."
        )
        if _template_text(fresh) != _template_text(ROOT / TEMPLATE):
            session.error(
                f"{TEMPLATE} is not what the sources hold: run "
                "'nox -s messages', translate the new messages, and commit"
            )
        # Each catalogue has every message of the template, and no other.
        session.run(
            "pybabel", "update", "--check", "--no-fuzzy-matching",
            "--width=79", "-i", TEMPLATE, "-d", LOCALE, "-D", "hcc_report",
        )  # fmt: skip
        return
    session.run("pybabel", "-q", "extract", *EXTRACT, "-o", TEMPLATE, ".")
    session.run(
        "pybabel", "update", "--no-fuzzy-matching", "--ignore-obsolete",
        "--width=79", "-i", TEMPLATE, "-d", LOCALE, "-D", "hcc_report",
    )  # fmt: skip
    session.run(
        "pybabel", "compile", "--statistics", "-d", LOCALE, "-D", "hcc_report"
    )


@nox.session(python=DOCS_PYTHON)
def messages(session: nox.Session) -> None:
    """
    Extract the library's messages from the sources and templates into
    the template, update the catalogues from it and compile them (the
    package's build compiles them too); ``-- --check`` only checks, as
    ``lint`` does.
    """
    _messages(session, check="--check" in session.posargs)


@nox.session(python=DOCS_PYTHON)
def typecheck(session: nox.Session) -> None:
    """
    Check the types of the package (mypy --strict) and of the tests' API use.
    """
    session.install(".[docx,xlsx,pdf,records]", *_group("typing"))
    session.run("mypy", "--strict", "src")
    session.run("mypy", "--strict", "tests/typing")


@nox.session(python=DOCS_PYTHON)
def docs(session: nox.Session) -> None:
    """
    Build the HTML docs with warnings as errors, then run their doctests.
    """
    # The how-to guides and references show the office formats at work.
    session.install(".[docx,xlsx,pdf,records]", "openpyxl", *_group("docs"))
    for builder in ("html", "doctest"):
        session.run(
            "python",
            "-m",
            "sphinx",
            "-T",
            "-E",
            "-W",
            "--keep-going",
            "-n",
            "-b",
            builder,
            "docs",
            f"docs/_build/{builder}",
        )
    _check_signatures(session, ROOT / "docs" / "_build" / "html")


#: What attrs's generated constructors show when autodoc reads them.
_ATTRS_INTERNALS = re.compile(r"attr_dict|\bNOTHING\b|_Nothing")
#: A signature in the built docs (what the changelog says is prose).
_SIGNATURE = re.compile(r'<dt class="sig sig-object.*?</dt>', re.DOTALL)


def _check_signatures(session: nox.Session, html: Path) -> None:
    """
    Fail when a signature in the built docs shows attrs's internals instead
    of a default (docs/_ext/attrs_signatures.py writes them).
    """
    leaks = sorted(
        str(path.relative_to(html))
        for path in html.rglob("*.html")
        if any(
            _ATTRS_INTERNALS.search(signature)
            for signature in _SIGNATURE.findall(
                path.read_text(encoding="utf-8")
            )
        )
    )
    if leaks:
        session.error(f"attrs internals in the built docs: {leaks}")


@nox.session(python=DOCS_PYTHON)
def bench(session: nox.Session) -> None:
    """
    Time the formatters against Babel, rendering against plain Jinja2,
    Counts against plain dicts, the import against attrs', counting
    records against pandas, and big inputs through the command (not part
    of the default run).
    """
    session.install(".[docx,records]", "babel", "pandas", "pyarrow")
    session.run("python", "benchmarks/formatting.py")
    session.run("python", "benchmarks/rendering.py")
    session.run("python", "benchmarks/counts.py")
    session.run("python", "benchmarks/imports.py")
    session.run("python", "benchmarks/office.py")
    session.run("python", "benchmarks/records.py")
    session.run("python", "benchmarks/big_inputs.py")


@nox.session(python=DOCS_PYTHON)
def build(session: nox.Session) -> None:
    """
    Build the sdist and the wheel, and check them with twine.
    """
    session.install(*_group("build"))
    dist = ROOT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(dist))
    files = sorted(str(p) for p in dist.iterdir())
    session.run("twine", "check", "--strict", *files)
    _check_wheel(session, dist)


def _check_wheel(session: nox.Session, dist: Path) -> None:
    # The wheel must hold the typing marker, the examples and the templates.
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "hcc_report/py.typed",
        "hcc_report/examples/binh_thuan_2023_02.toml",
        "hcc_report/examples/binh_thuan_2023_02_published.toml",
        "hcc_report/examples/binh_thuan_2023_02_appendix.csv",
        "hcc_report/templates/report.txt.j2",
        "hcc_report/templates/report.md.j2",
        "hcc_report/templates/report.html.j2",
        # Compiled by the build hook from the .po files.
        "hcc_report/locale/vi/LC_MESSAGES/hcc_report.mo",
        "hcc_report/locale/en/LC_MESSAGES/hcc_report.mo",
    ):
        if needed not in names:
            session.error(f"{wheel.name} lacks {needed}")
    session.log(
        f"{wheel.name}: {len(names)} files, typing marker and data present"
    )
