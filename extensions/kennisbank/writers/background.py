"""Writers that run beside the page writing, in a process of their own.

The agenda feeds (one .ics file per event: thousands at scale) and the open
data need only the environment, which is final once Sphinx starts writing
pages. Started in one forked process at that moment, they are written in turn
on the machine's second core while the first writes the pages, and the build
waits for them at its end. One process, not one per writer: two would share
the second core with the page writing, and slow it down. Nothing gets lost on
the way: the process sends home what it logged, as Sphinx's own ``-j`` workers
do, so a warning or an internal error counts for ``-W``; a process that dies is
reported. With one core, without fork (Windows) or when the fork fails, the
writers run in the build's own process instead.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..sphinx_ext.failures import internal_errors, report
from ..sphinx_ext.internals import log_records_of, replay
from ..sphinx_ext.priorities import WAIT_FOR_BACKGROUND

#: A writer: it needs only the app, whose environment is final when it runs.
Writer = Callable[[Sphinx], None]


@dataclass(frozen=True)
class Job:
    """One writer, and what a report of its failure calls it: "Interne fout ... bij <task>"."""

    task: str
    write: Writer


class BackgroundWriter:
    """Start the ``jobs`` when the pages start being written, one after another; wait for them at the end.

    Wherever they run, each job's exceptions are reported as internal errors of its
    task; the failures of the process itself, as internal errors of ``task``.
    """

    def __init__(self, task: str, jobs: Sequence[Job], wanted: Callable[[Sphinx], bool]) -> None:
        self.task = task
        self.jobs = tuple(jobs)
        self.wanted = wanted  # whether this build needs the writers at all
        self._wait: Callable[[], None] | None = None

    def setup(self, app: Sphinx) -> None:
        app.connect("write-started", self.start)
        app.connect("build-finished", self.finish, priority=WAIT_FOR_BACKGROUND)

    def start(self, app: Sphinx, builder: Builder) -> None:
        self._wait = None
        if not self.wanted(app):
            return
        work = functools.partial(self.run_jobs, app)
        if second_core_available():
            with internal_errors(self.task):
                self._wait = in_child_process(work, self.task)
        if self._wait is None:
            work()

    def run_jobs(self, app: Sphinx) -> None:
        """Each job in turn; one that fails is reported, and the next still runs."""
        for job in self.jobs:
            with internal_errors(job.task):
                job.write(app)

    def finish(self, app: Sphinx, exception: Exception | None) -> None:
        # Also after a failed build: the process is not left behind.
        wait, self._wait = self._wait, None
        if wait is not None:
            with internal_errors(self.task):
                wait()


def second_core_available() -> bool:
    """Whether a second process would run beside this one rather than take turns with it."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cores) > 1


def in_child_process(work: Callable[[], None], task: str) -> Callable[[], None] | None:
    """Start ``work`` in a forked process; return how to wait for it, or None if it did not start."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    # A daemon: should the build be interrupted, the writer stops with it.
    process = context.Process(target=_run_and_send_logs, args=(work, task, send), daemon=True)
    try:
        process.start()
    except OSError:  # no memory or processes left for a second one
        receive.close()
        send.close()
        return None
    send.close()  # the child's end: the parent sees EOF when the child is gone

    def wait() -> None:
        try:
            records = receive.recv()
        except EOFError:
            records = None
        finally:
            receive.close()
        process.join()
        if records is None:
            report(RuntimeError(f"het schrijfproces stopte onverwacht (code {process.exitcode})"), task)
        else:
            replay(records)

    return wait


def _run_and_send_logs(work: Callable[[], None], task: str, send: Connection) -> None:
    """In the forked process: run ``work``, then send what it logged to the build.

    ``work`` reports its own failures (see :meth:`BackgroundWriter.run_jobs`); what
    escapes it anyway is reported as a failure of ``task``."""

    def reported_work() -> None:
        with internal_errors(task):  # reported in Dutch, like every failure of ours
            work()

    send.send(log_records_of(reported_work))
    send.close()
