"""The `dlings` command line."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from dlings import __version__
from dlings.catalog import CatalogError
from dlings.session import ProgressNotSaved
from dlings.state import StateError
from dlings.verdict import Status, Verdict
from dlings.workspace import WorkspaceError

STATE_MARKS = {"done": ("✓", "green"), "skipped": ("»", "yellow"), "pending": ("·", None)}


def _fail(message: str, code: int = 2) -> None:
    click.echo(click.style("dlings: ", fg="red", bold=True) + message, err=True)
    sys.exit(code)


def _session(print_warnings: bool = True):
    """The workspace's session; its warnings are printed unless a full-screen UI will show them."""
    from dlings.session import NoWorkspace, Session

    try:
        session = Session.open()
    except NoWorkspace as exc:
        _fail(str(exc))
    except (CatalogError, StateError) as exc:
        _fail(str(exc))
    if print_warnings:
        for warning in session.progress.warnings:
            click.echo(click.style("warning: ", fg="yellow") + warning, err=True)
        session.progress.warnings.clear()
    return session


def _complete_exercise(ctx, param, incomplete: str):
    """Shell completion: exercise names (and, for --only, track folders) that start with what was typed."""
    from click.shell_completion import CompletionItem

    from dlings.catalog import load_catalog
    from dlings.paths import curriculum_root

    try:
        catalog = load_catalog(_authoring_root() or curriculum_root(), check_files=False)
    except (CatalogError, OSError):
        return []
    names = [ex.name for ex in catalog]
    if param is not None and param.name == "only":
        names += catalog.tracks()
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def _exercise(session, name: str | None):
    if name is None:
        return session.current
    try:
        return session.catalog.get(name)
    except KeyError as exc:
        _fail(exc.args[0])


def print_verdict(verdict: Verdict, display_path: str, verbose: bool = False) -> None:
    colour = {Status.PASSED: "green", Status.SKIPPED: "yellow"}.get(verdict.status, "red")
    head = click.style(f" {verdict.status.label.upper()} ", fg="white", bg=colour, bold=True)
    timing = f" ({verdict.duration:.2f} s)" if verdict.duration else ""
    where = f"  on {verdict.ran_on}" if verdict.ran_on else ""
    click.echo(f"{head} {verdict.name}  {display_path}{where}{timing}")
    if verdict.status is Status.PASSED:
        if verdict.tests_total > 1:
            click.echo(f"All {verdict.tests_total} checks passed.")
    elif verdict.message:
        if verdict.tests_failed and verdict.tests_total > 1:
            click.echo(f"{verdict.tests_failed} of {verdict.tests_total} checks failed. The first:")
        click.echo(verdict.message)
    if verbose and verdict.output.strip():
        click.echo(click.style("\n--- full output ---", dim=True))
        click.echo(verdict.output.rstrip())


def _run_one(session, ex, verbose: bool = False, via: str | None = None) -> Verdict:
    """Judge `ex` here; when it is skipped for want of a GPU and a prefix is remembered, through it."""
    from dlings.engine import make_engine
    from dlings.remote import goes_through_prefix

    engine = make_engine(reap_orphans=True)  # the fork engine imports only what every check needs
    try:
        verdict = session.judge(ex, engine, record=False)
    finally:
        engine.close()
    if via and goes_through_prefix(ex.needs, verdict):
        return _run_via(session, ex, via, verbose)
    print_verdict(verdict, session.workspace.display_path(ex), verbose)
    session.record(verdict)
    return verdict


class DefaultToWatch(click.Group):
    def parse_args(self, ctx, args):
        if ctx.resilient_parsing:  # shell completion: `dlings <TAB>` lists the commands
            return super().parse_args(ctx, args)
        if not args or (args[0].startswith("-") and args[0] not in ("--help", "-h", "--version")):
            args = ["watch", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ProgressNotSaved as exc:  # the verdict or hint was already printed
            _fail(str(exc), code=1)


@click.group(cls=DefaultToWatch, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dlings")
def cli() -> None:
    """Learn PyTorch by fixing small programs. Run `dlings` in your workspace to start."""


def main() -> None:
    """Console entry point. Ends with os._exit: interpreter teardown after torch and
    torchvision are loaded is slow and prints native-extension noise."""
    code = 0
    try:
        result = cli.main(prog_name="dlings", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (KeyboardInterrupt, click.exceptions.Abort):
        print("\ndlings: interrupted.", file=sys.stderr)
        code = 130
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@cli.command()
@click.option("--manual", is_flag=True, help="No file events: press r to re-run the check.")
@click.option("--plain", is_flag=True, help="No full-screen UI: line-based output for any terminal.")
@click.option("--start-from", metavar="NAME", shell_complete=_complete_exercise,
              help="Begin at NAME, skipping the earlier exercises.")
@click.option("--edit-cmd", metavar="COMMAND",
              help='Editor for the e key, e.g. "code -g {path}:{line}" ({path} and {line} are filled in). '
                   "Remembered in the workspace; the default is $VISUAL, then $EDITOR.")
@click.option("--via", metavar="PREFIX", default=None,
              help='Check exercises that need a GPU this machine lacks on another machine: --via "ssh gpu-box" '
                   '(default: the prefix saved with `dlings config via`).')
def watch(manual: bool, plain: bool, start_from: str | None, edit_cmd: str | None, via: str | None) -> None:
    """Watch your exercise files and check each save (the default command)."""
    from dlings.remote import remembered_via

    full_screen = not plain and sys.stdout.isatty()
    checker = None
    if full_screen:  # torch loads in the checker while the workspace is read and the screen is built
        from dlings.worker_client import CheckerClient

        checker = CheckerClient().start()
    try:
        session = _session(print_warnings=not full_screen)
        if start_from:
            from dlings.workspace import apply_start_from

            try:
                apply_start_from(session.progress, session.catalog, start_from)
            except KeyError as exc:
                _fail(exc.args[0])
            session.save()
        if not full_screen:
            if edit_cmd:
                from dlings.tui.settings import WatchSettings

                settings = WatchSettings.load(session.workspace.root)
                settings.edit_cmd = edit_cmd
                settings.save()
            from dlings.plain_watch import run_plain

            sys.exit(run_plain(session, manual=manual, via=via or remembered_via(session.workspace.root)))
        from dlings.tui.app import run_app
    except BaseException:
        if checker is not None:
            checker.stop()
        raise
    sys.exit(run_app(session, manual=manual, checker=checker, edit_cmd=edit_cmd,
                     via=via or remembered_via(session.workspace.root)))


def _run_via(session, ex, prefix: str, verbose: bool) -> Verdict:
    from dlings.remote import RemoteError, run_remote

    missing = session.missing_file_verdict(ex)
    if missing is not None:
        print_verdict(missing, session.workspace.display_path(ex), verbose)
        return missing
    source = session.workspace.exercise_file(ex).read_text(encoding="utf-8", errors="replace")
    click.echo(click.style(f"checking {ex.name} through `{prefix}`…", dim=True))
    try:
        remote = run_remote(prefix, ex.name, source, ex.timeout)
    except RemoteError as exc:
        _fail(str(exc), code=2)
    verdict = remote.verdict
    print_verdict(verdict, session.workspace.display_path(ex), verbose)
    session.record(verdict)
    return verdict


@cli.command(name="run")
@click.argument("name", required=False, shell_complete=_complete_exercise)
@click.option("-v", "--verbose", is_flag=True, help="Also print the full pytest output.")
@click.option("--via", metavar="PREFIX", default=None,
              help='Run the check on another machine: --via "ssh gpu-box", "srun --gres=gpu:1", "docker exec lab".')
def run_cmd(name: str | None, verbose: bool, via: str | None) -> None:
    """Check one exercise (the current one if no NAME); exit 0 on pass, 1 otherwise."""
    from dlings.remote import remembered_via

    session = _session()
    ex = _exercise(session, name)
    if via:   # asked for by name: this exercise goes there, whatever it needs
        verdict = _run_via(session, ex, via, verbose)
    else:
        verdict = _run_one(session, ex, verbose, via=remembered_via(session.workspace.root))
    if verdict.lets_learner_go_on and ex.name == session.progress.current:
        nxt = session.advance()
        if nxt:
            click.echo(f"\nNext up: {nxt}  ({session.workspace.display_path(session.catalog.get(nxt))})")
        elif session.progress.finished(session.catalog):
            click.echo("\n" + session.catalog.final_message.strip())
    sys.exit(0 if verdict.passed else 1)


cli.add_command(run_cmd, name="check")


@cli.command(name="check-remote", hidden=True)
def check_remote() -> None:
    """The far side of `run --via`: one JSON request on stdin, one JSON verdict on stdout."""
    from dlings.remote import serve_one

    sys.exit(serve_one())


@cli.command()
@click.argument("key", type=click.Choice(["via"]))
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Forget the value.")
def config(key: str, value: str | None, unset: bool) -> None:
    """Workspace settings. `dlings config via "ssh gpu-box"`: GPU exercises run there."""
    from dlings.remote import load_config, save_config

    session = _session()
    root = session.workspace.root
    settings = load_config(root)
    if unset:
        settings.pop(key, None)
        save_config(root, settings)
        click.echo(f"{key}: unset")
    elif value is None:
        click.echo(f"{key}: {settings.get(key, '(not set)')}")
    else:
        settings[key] = value
        save_config(root, settings)
        click.echo(f"{key}: {value}  (exercises that need a GPU this machine lacks are checked through it)")


@cli.command()
@click.argument("name", required=False, shell_complete=_complete_exercise)
@click.option("--all", "show_all", is_flag=True, help="Show every hint at once.")
def hint(name: str | None, show_all: bool) -> None:
    """Show the next hint of the current (or named) exercise."""
    session = _session()
    ex = _exercise(session, name)
    if not ex.hints:
        click.echo(f"{ex.name} has no hints. Read its docstring and the check's message.")
        return
    if show_all:
        session.progress.see_all_hints(ex.name, len(ex.hints))
        session.save()
        for i, text in enumerate(ex.hints, 1):
            click.echo(f"Hint {i}/{len(ex.hints)} for {ex.name}: {text}")
        return
    shown = session.hint(ex, save=False)
    if shown is None:
        click.echo(f"You have seen all {len(ex.hints)} hints for {ex.name}:")
        for i, text in enumerate(ex.hints, 1):
            click.echo(f"  {i}. {text}")
        return
    index, text = shown
    click.echo(f"Hint {index + 1}/{len(ex.hints)} for {ex.name}: {text}")
    if index + 1 < len(ex.hints):
        click.echo(click.style("Run it again for the next hint.", dim=True))
    session.save()


@cli.command(name="list")
@click.option("--plain", is_flag=True, help="Tab-separated name, track, state: for scripts.")
def list_cmd(plain: bool) -> None:
    """Every exercise with its state."""
    session = _session()
    progress, catalog = session.progress, session.catalog
    if plain:
        for ex in catalog:
            state = progress.state_of(ex.name)
            if ex.name == progress.current and state == "pending":
                state = "current"
            click.echo(f"{ex.name}\t{ex.dir}\t{state}")
        return
    track = None
    for ex in catalog:
        if ex.dir != track:
            track = ex.dir
            click.echo(click.style(f"\n{track}", bold=True))
        state = progress.state_of(ex.name)
        mark, colour = STATE_MARKS[state]
        pointer = click.style(" <- current", fg="cyan") if ex.name == progress.current else ""
        note = f"  ({progress.skipped[ex.name]})" if state == "skipped" else ""
        if state == "done" and ex.name in progress.ran_on:
            note = f"  (on {progress.ran_on[ex.name]})"
        click.echo(f"  {click.style(mark, fg=colour)} {ex.name:<28}{state}{note}{pointer}")
    done, skipped, total = progress.counts(catalog)
    click.echo(f"\nProgress: {done} done, {skipped} skipped, {total} in all ({100 * done // max(total, 1)} %).")


@cli.command()
@click.argument("name", required=False, shell_complete=_complete_exercise)
@click.option("--all", "reset_all", is_flag=True, help="Reset every exercise.")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
def reset(name: str | None, reset_all: bool, yes: bool) -> None:
    """Restore the original exercise file (your version is backed up first)."""
    session = _session()
    if reset_all == (name is not None):
        _fail("say which: `dlings reset NAME` or `dlings reset --all`.")
    targets = list(session.catalog) if reset_all else [_exercise(session, name)]
    if reset_all and not yes:
        edited = [ex for ex in targets if session.workspace.differs_from_pristine(ex)]
        click.echo(f"This restores all {len(targets)} exercises; {len(edited)} have your edits, "
                   "which will be backed up first.")
        if not sys.stdin.isatty() or not click.confirm("Reset everything?", default=False):
            _fail("nothing was reset (pass --yes to skip this question).", code=1)
    backup = session.reset(targets, "all" if reset_all else targets[0].name)
    what = "every exercise" if reset_all else session.workspace.display_path(targets[0])
    click.echo(f"Restored {what} to the original.")
    if backup:
        rel = os.path.relpath(backup, Path.cwd())
        click.echo(f"Your previous version is kept in {rel}\nTo bring it back: dlings restore {backup.name}")


@cli.command()
@click.argument("backup", required=False)
def restore(backup: str | None) -> None:
    """Bring back files from a backup made by reset (lists backups without an argument)."""
    session = _session()
    backups = session.workspace.list_backups()
    if backup is None:
        if not backups:
            click.echo("No backups yet. `dlings reset` makes one before it changes anything.")
        for folder in backups:
            count = len(list((folder / "exercises").rglob("*.py")))
            click.echo(f"{folder.name}\t{count} file(s)")
        return
    folder = session.workspace.backups_dir / backup
    if not folder.is_dir():
        _fail(f"no backup called {backup}. `dlings restore` lists them.")
    try:
        restored = session.workspace.restore_backup(folder)
    except WorkspaceError as exc:
        _fail(str(exc))
    for rel in restored:
        click.echo(f"restored exercises/{rel}")


@cli.command()
@click.option("--from", "start", metavar="NAME", shell_complete=_complete_exercise,
              help="Start at NAME instead of the first exercise.")
def verify(start: str | None) -> None:
    """Check every exercise in order and stop at the first that fails."""
    from dlings.engine import make_engine

    session = _session()
    exercises = session.catalog.exercises
    if start:
        exercises = exercises[session.catalog.index(_exercise(session, start).name):]
    engine = make_engine(reap_orphans=True)
    try:
        for i, ex in enumerate(exercises, 1):
            verdict = session.judge(ex, engine)
            mark = {Status.PASSED: click.style("✓", fg="green"), Status.SKIPPED: click.style("»", fg="yellow")}
            click.echo(f"[{i}/{len(exercises)}] {mark.get(verdict.status, click.style('✗', fg='red'))} {ex.name}")
            if not verdict.lets_learner_go_on:
                click.echo("")
                print_verdict(verdict, session.workspace.display_path(ex))
                session.set_current(ex.name)
                sys.exit(1)
    finally:
        engine.close()
    click.echo(click.style("Every exercise passes.", fg="green", bold=True))


@cli.command()
@click.argument("directory", default="dlings-work", type=click.Path(file_okay=False, path_type=Path))
@click.option("--start-from", metavar="NAME", shell_complete=_complete_exercise,
              help="Begin at NAME, skipping the earlier exercises.")
def init(directory: Path, start_from: str | None) -> None:
    """Create a learner workspace (default: ./dlings-work)."""
    from dlings.catalog import load_catalog
    from dlings.paths import curriculum_root
    from dlings.workspace import init_workspace

    try:
        catalog = load_catalog(curriculum_root())
        workspace, notes = init_workspace(directory, catalog, start_from)
    except (CatalogError, WorkspaceError) as exc:
        _fail(str(exc))
    except KeyError as exc:
        _fail(exc.args[0])
    except OSError as exc:
        _fail(f"could not create the workspace: {exc}")
    click.echo(f"Created a dlings workspace with {len(catalog)} exercises in {workspace.root}")
    for note in notes:
        click.echo(f"  ({note})")
    here = Path.cwd().resolve()
    shown = str(directory) if not directory.is_absolute() and here in workspace.root.parents else str(workspace.root)
    click.echo(f"\nNext:\n    cd {shown}\n    dlings watch        # checks every save; h hint, l list, q quit\n\n"
               "Without watch: `dlings run` checks the current exercise, `dlings hint` gives a hint,\n"
               "`dlings list` shows them all. The workspace's README.md has the rest.")


@cli.command()
@click.argument("name", required=False, shell_complete=_complete_exercise)
def solution(name: str | None) -> None:
    """Show the reference solution of an exercise you have passed."""
    session = _session()
    ex = _exercise(session, name)
    if session.progress.state_of(ex.name) != "done":
        _fail(f"solutions open once you pass the exercise. Run `dlings run {ex.name}` first.", code=1)
    path = session.workspace.reveal_solution(ex)
    click.echo(click.style(f"# {os.path.relpath(path)}", dim=True))
    click.echo(path.read_text(encoding="utf-8"))


@cli.command()
def doctor() -> None:
    """What this machine offers: versions, GPUs, file events."""
    from dlings.doctor import run_doctor

    sys.exit(run_doctor())


@cli.group()
def dev() -> None:
    """Tools for curriculum authors (run in the dlings repository)."""


@dev.command(name="check")
@click.option("--only", multiple=True, metavar="NAME_OR_TRACK", shell_complete=_complete_exercise, help="Limit to exercises or tracks (repeatable).")
@click.option("-j", "--jobs", type=int, default=None, help="Checks run at once (default: CPU cores).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Curriculum folder (default: the one dlings ships or the repository).")
@click.option("--no-mistakes", is_flag=True, help="Skip the mistake files.")
@click.option("--strict", is_flag=True, help="Flagged exercises (fewer than 3 mistake files) fail the check (CI).")
@click.option("--needs", "needs", metavar="NEED", default=None,
              help="Only exercises with this need (e.g. --needs cuda on a machine with a GPU).")
@click.option("-v", "--verbose", is_flag=True, help="Print every run, not only problems.")
@click.option("-m", "--messages", is_flag=True, help="With each run, print the message a learner would see.")
def dev_check_cmd(only: tuple[str, ...], jobs: int | None, root: Path | None, no_mistakes: bool, strict: bool,
                  needs: str | None, verbose: bool, messages: bool) -> None:
    """Prove info.toml matches the trees, pristine files fail, solutions pass, mistakes fail."""
    from dlings.dev.check import dev_check
    from dlings.paths import curriculum_root

    root = (root or _authoring_root() or curriculum_root()).resolve()
    click.echo(f"dev check of {root}")
    counter = {"n": 0}

    def progress(run):
        counter["n"] += 1
        if verbose or messages or not run.ok:
            mark = click.style("ok  ", fg="green") if run.ok else click.style("FAIL", fg="red", bold=True)
            status = run.verdict.status.value if run.verdict else "-"
            duration = run.verdict.duration if run.verdict else 0
            click.echo(f"{mark} {run.exercise:<26} {run.kind:<30} {status:<14} {duration:5.2f}s")
            if messages and run.verdict and run.verdict.message:
                click.echo("     | " + run.verdict.message.rstrip().replace("\n", "\n     | "))
            if not run.ok:
                click.echo(f"     {run.problem()}")
                if run.verdict and run.verdict.status is Status.BROKEN:
                    click.echo("     " + run.verdict.output[-1500:].replace("\n", "\n     "))

    report = dev_check(root, set(only) or None, jobs, progress, with_mistakes=not no_mistakes, needs=needs)
    for problem in report.problems:
        click.echo(click.style("problem: ", fg="red", bold=True) + problem)
    for warning in report.warnings:
        click.echo(click.style("flagged: ", fg="yellow", bold=True) + warning)
    _summary_table(report)
    if strict and report.warnings:
        click.echo(click.style("--strict: ", fg="red", bold=True) + f"{len(report.warnings)} flagged exercise(s) fail it.")
        sys.exit(1)
    sys.exit(0 if report.ok else 1)


@dev.command(name="new")
@click.argument("name")
@click.option("--track", "track", required=True, metavar="DIR", help="The track folder, e.g. 12_losses.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Curriculum folder (default: the repository around the current folder).")
def dev_new_cmd(name: str, track: str, root: Path | None) -> None:
    """Scaffold exercise NAME in track DIR: exercise, solution, check, mistakes/ and its info.toml entry."""
    from dlings.dev.new import SCAFFOLD_MARKER, DevNewError, dev_new

    root = (root or _authoring_root() or Path.cwd()).resolve()
    try:
        made = dev_new(root, name, track)
    except DevNewError as exc:
        _fail(str(exc))
    for path in made.files:
        click.echo(f"created  {path.relative_to(root)}")
    click.echo(f"created  checks/{track}/mistakes/ (empty: add at least 3 {name}__<what_is_wrong>.py)")
    click.echo(f"added    the [[exercises]] entry at info.toml:{made.info_line} (end of {track}; move it to its "
               "place in the learning order)")
    click.echo(f"\nReplace every `{SCAFFOLD_MARKER}` placeholder; until then `dlings dev check --only {name}` "
               "reports the exercise as incomplete.")


def _authoring_root() -> Path | None:
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "info.toml").is_file() and (folder / "checks").is_dir():
            return folder
    return None


def _summary_table(report) -> None:
    from collections import defaultdict

    tracks: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0, 0.0])
    for run in report.runs:
        row = tracks[run.track]
        row[0] += 1
        row[1] += run.ok
        row[2] += (run.verdict is not None and run.verdict.status is Status.SKIPPED)
        row[3] += not run.ok
        row[4] = max(row[4], run.verdict.duration if run.verdict else 0)
    counts = getattr(report, "tracks", {}) or {}
    click.echo(f"\n{'track':<26}{'exercises':>10}{'mistakes':>9}{'flagged':>8}{'runs':>6}{'ok':>6}{'skipped':>9}"
               f"{'bad':>6}{'slowest':>10}")
    for track in sorted(set(tracks) | set(counts)):
        runs, ok, skipped, bad, slowest = tracks[track]
        count = counts.get(track)
        exercises, mistakes = (count.exercises, count.mistakes) if count else (0, 0)
        flagged = len({name for name, _ in count.short} | set(count.incomplete)) if count else 0
        click.echo(f"{track:<26}{exercises:>10}{mistakes:>9}{flagged:>8}{runs:>6}{ok:>6}{skipped:>9}{bad:>6}"
                   f"{slowest:>9.2f}s")
    short = [f"{name} ({n})" for count in counts.values() for name, n in count.short]
    if short:
        from dlings.dev.check import MIN_MISTAKES

        click.echo(f"fewer than {MIN_MISTAKES} mistake files: {', '.join(short)}")
    total_bad = sum(not r.ok for r in report.runs)
    verdict = click.style("OK", fg="green", bold=True) if report.ok else click.style("FAILED", fg="red", bold=True)
    click.echo(f"\n{verdict}: {len(report.runs)} runs, {total_bad} bad, {len(report.problems)} problem(s), "
               f"{report.seconds:.1f} s")
    skipped = sum(r.verdict is not None and r.verdict.status is Status.SKIPPED for r in report.runs)
    click.echo(f"curriculum: {len(report.runs) - total_bad - skipped} passed, {total_bad + len(report.problems)} failed, "
               f"{skipped} skipped")


from dlings.data.cli import data_group  # noqa: E402 - imports only click; each command imports what it needs

cli.add_command(data_group)


if __name__ == "__main__":
    main()
