#!/usr/bin/env python3
"""Runs one Vo test program against the `vo` binary.

tests/lang/NAME.vo    must run and exit 0. A first line `// run-fail: TEXT`
                      means it must exit 1 with TEXT in stderr instead. A
                      sibling NAME.out holds the exact expected stdout.
                      Leading `// args: A B` and `// exit: N` lines pass
                      program arguments and expect exit status N.
tests/errors/NAME.vo  `vo check` must exit 1, and every line carrying
                      `// ERROR "TEXT"` must get a diagnostic on that line
                      whose message contains TEXT.
"""
import os
import re
import subprocess
import sys


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, errors="replace")


def check_lang(vo, path, env):
    with open(path, encoding="utf-8", errors="replace") as f:
        head = [f.readline() for _ in range(5)]
    first = head[0]
    args, want_exit = [], 0
    for line in head:
        if m := re.match(r"//\s*args:(.*)", line):
            args = m.group(1).split()
        if m := re.match(r"//\s*exit:\s*(\d+)", line):
            want_exit = int(m.group(1))
    r = run([vo, "run", path] + args, env)
    m = re.match(r"//\s*run-fail:\s*(.*\S)", first)
    if m:
        want = m.group(1)
        if r.returncode != 1 or want not in r.stderr:
            return f"expected exit 1 with {want!r} in stderr; got exit {r.returncode}, stderr:\n{r.stderr}"
        return None
    if r.returncode != want_exit:
        return f"exit {r.returncode}, want {want_exit}\nstderr:\n{r.stderr}\nstdout:\n{r.stdout[-2000:]}"
    out = path[:-3] + ".out"
    if os.path.exists(out):
        with open(out, encoding="utf-8", errors="replace") as f:
            want = f.read()
        if r.stdout != want:
            return f"stdout differs\n--- want\n{want}\n--- got\n{r.stdout}"
    return None


def check_errors(vo, path):
    want = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            for m in re.finditer(r'//\s*ERROR\s+"((?:[^"\\]|\\.)*)"', line):
                want.append((n, m.group(1).replace('\\"', '"')))
    if not want:
        return "no // ERROR annotations"
    r = run([vo, "check", path])
    if r.returncode != 1:
        return f"expected exit 1, got {r.returncode}\n{r.stdout}{r.stderr}"
    diags = {}
    for line in r.stderr.splitlines():
        m = re.match(r"(.*?):(\d+):(\d+): (.*)", line)
        if m:
            diags.setdefault(int(m.group(2)), []).append(m.group(4))
    missing = [(n, t) for n, t in want if not any(t in d for d in diags.get(n, []))]
    if missing:
        return "missing diagnostics: " + "; ".join(f"line {n}: {t!r}" for n, t in missing) + "\ngot:\n" + r.stderr
    return None


def main():
    if len(sys.argv) < 3:
        print("usage: run_vo_test.py VO FILE.vo [--gc-stress]")
        return 2
    vo, path = sys.argv[1], sys.argv[2]
    env = dict(os.environ)
    if "--gc-stress" in sys.argv:
        env["VO_GC_STRESS"] = "1"
    if os.sep + "errors" + os.sep in path:
        err = check_errors(vo, path)
    else:
        err = check_lang(vo, path, env)
    if err:
        print(f"FAIL {path}\n{err}")
        return 1
    print(f"ok {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
