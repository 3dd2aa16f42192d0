"""Work in a forked second process: a function on half of a list (`in_two`: loading content),
and a function whose JSON result comes back later (`Worker`: other_languages.py).

Without `os.fork` (Windows), on one core, or with CLUSTER_SITE_JOBS=1, there is no second process.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import signal
import sys
import traceback
from typing import Any, Callable, TypeVar

T = TypeVar("T")

JOBS_VARIABLE = "CLUSTER_SITE_JOBS"


class WorkerFailed(RuntimeError):
    """The forked function failed; it has already reported why on stderr."""


def enabled() -> bool:
    """Whether a second process may help: fork exists, and more than one core is allowed."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted:
        try:
            return int(wanted) > 1 and hasattr(os, "fork")
        except ValueError:
            raise WorkerFailed(f"{JOBS_VARIABLE}={wanted!r}: expected a whole number (1 = no second process)")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and hasattr(os, "fork")


def _flush_logs() -> None:
    """Nothing buffered is written twice: every handler from the engine's plugin logger (MkDocs'
    or ProperDocs') up to the root."""
    from .. import LOGGER

    logger: logging.Logger | None = logging.getLogger(LOGGER)
    while logger is not None:
        for handler in logger.handlers:
            handler.flush()
        logger = logger.parent


def in_two(function: Callable[[list], T], inputs: list, at_least: int) -> list[T]:
    """`function` on each half of `inputs`, the second half in a forked process meanwhile.

    Returns the results in the order of the halves (one result if not split). Results must be
    picklable. Lists shorter than `at_least` are not worth a process.
    """
    if len(inputs) < at_least or not enabled():
        return [function(inputs)]
    half = len(inputs) // 2
    read_end, write_end = os.pipe()
    _flush_logs()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read_end)
        status = 0
        try:
            payload = pickle.dumps(function(inputs[half:]), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            sys.stderr.write(traceback.format_exc())
            status = 1
        finally:
            sys.stderr.flush()
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        try:
            first = function(inputs[:half])
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not payload:
        raise WorkerFailed("a second process failed (its messages are above)")
    return [first, pickle.loads(payload)]


class Worker:
    """`function()` running in a child process; `join()` returns its (JSON-serialisable) result."""

    def __init__(self, function: Callable[[], Any], describe_error: Callable[[BaseException], str | None]) -> None:
        read_end, write_end = os.pipe()
        _flush_logs()
        # Keep the garbage collector from touching (and so copying) every inherited object.
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the caller's code
            os.close(read_end)
            status = 0
            try:
                payload = json.dumps({"result": function()}).encode()
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
            except BaseException as error:  # report, then leave without running the parent's cleanup
                message = describe_error(error)
                sys.stderr.write((message if message is not None else traceback.format_exc()).rstrip() + "\n")
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(write_end)
        self._read_end = read_end

    def cancel(self) -> None:
        os.close(self._read_end)
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        gc.unfreeze()

    def join(self) -> Any:
        # Read to the end first: a child blocked on a full pipe would never exit.
        with os.fdopen(self._read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        gc.unfreeze()
        if os.waitstatus_to_exitcode(status) != 0 or not payload:
            raise WorkerFailed("the second build process failed (its messages are above)")
        return json.loads(payload)["result"]
