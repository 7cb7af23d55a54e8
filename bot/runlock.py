"""One running bot per database: an advisory lock file beside it.

`unionbot run` holds an exclusive `flock` on `<DATABASE_PATH>.lock` for as long as it
runs; the kernel drops it when the process ends, however it ends (even SIGKILL), so a
stale file never blocks anything. `unionbot db restore` and `unionbot status` try the same
lock to know whether the bot is running.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from storage.database import FILE_MODE, private_folder


class BotRunning(Exception):
    """Another process holds the lock; `pid` is what it wrote there (None if unknown)."""

    def __init__(self, pid: int | None) -> None:
        super().__init__(pid)
        self.pid = pid


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class RunLock:
    """Hold the database's run lock (non-blocking): `BotRunning` if someone else has it."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        private_folder(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise BotRunning(pid) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def running(database: Path) -> tuple[bool, int | None]:
    """Whether a bot holds the lock, and its pid if it wrote one."""
    path = lock_path(database)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False, None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True, _read_pid(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False, None
    finally:
        os.close(fd)


def _read_pid(fd: int) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        return int(os.pread(fd, 32, 0).decode().strip())
    return None
