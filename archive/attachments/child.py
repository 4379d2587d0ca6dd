"""A program run for the reading (OCRmyPDF, LibreOffice) in a child process with a deadline.

The child gets its own process group: on a timeout, or when the worker is
stopped in the middle (an exception raised while waiting), the whole group
(the program and everything it started: Tesseracts, soffice.bin) is killed,
so nothing outlives the job that asked for it.
"""

import os
import signal
import subprocess
import threading


class TimedOut(Exception):
    """The program ran past its deadline and was killed."""

    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds


def run(command, timeout, on_line=None, env=None):
    """Run ``command``; each line of its stderr goes to ``on_line`` (returning True when it consumed it).

    Returns (exit code, the last stderr lines it did not consume). Raises TimedOut.
    """
    process = subprocess.Popen(  # noqa: S603 - a fixed program with arguments, no shell
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", errors="replace", start_new_session=True, env=env,
    )
    timed_out = threading.Event()

    def stop():
        timed_out.set()
        kill_group(process)

    timer = threading.Timer(timeout, stop)
    timer.daemon = True
    timer.start()
    tail = []
    try:
        for line in process.stderr:
            if on_line is None or not on_line(line):
                tail = [*tail[-40:], line]
        code = process.wait()
    finally:
        timer.cancel()
        if process.poll() is None:
            kill_group(process)
            process.wait()
        process.stderr.close()
    if timed_out.is_set():
        raise TimedOut(timeout)
    return code, "".join(tail)


def kill_group(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
