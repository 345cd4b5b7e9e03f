"""Text reports of the profiles (pyinstrument) and of `python -X importtime`."""

from __future__ import annotations


def profile_text(profiler) -> str:
    """The call tree (library frames folded) and the functions with the most time of their own."""
    tree = profiler.output_text(unicode=True, color=False)
    flat = profiler.output_text(unicode=True, color=False, flat=True, flat_time="self")
    body = flat.split("Profile at", 1)[-1].split("\n", 1)[-1]
    lines = [line for line in body.splitlines() if line.strip() and "epoll.poll" not in line][:60]
    return (tree + "\n\nSelf time by function (idle waits in epoll left out), top 60:\n\n"
            + "\n".join(lines) + "\n")


def importtime_report(stderr: str, top: int = 40) -> str:
    """`-X importtime` output, the top-level packages and the slowest modules by cumulative time."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative_us, name = line.split(":", 1)[1].split("|", 2)
        name = name.rstrip("\n")
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((int(cumulative_us), int(self_us), depth, name.strip()))
    total = sum(c for c, _, depth, _ in rows if depth == 0)
    lines = [f"total import time of top-level imports: {total / 1000:.1f} ms", "",
             "top-level imports (cumulative ms):"]
    lines += [f"  {c / 1000:8.1f}  {n}" for c, _, depth, n in sorted(rows, reverse=True) if depth == 0][:top]
    packages: dict[str, int] = {}
    for cumulative, _, _, name in rows:  # where each package was first imported, with all it pulled in
        if "." not in name:
            packages[name] = max(packages.get(name, 0), cumulative)
    lines += ["", "packages, cumulative ms where first imported (nested ones counted in their importer too):"]
    lines += [f"  {c / 1000:8.1f}  {n}" for n, c in sorted(packages.items(), key=lambda kv: -kv[1])[:top]]
    lines += ["", "slowest modules by self time (ms):"]
    lines += [f"  {s / 1000:8.1f}  {n}" for _, s, _, n in sorted(rows, key=lambda r: -r[1])[:top]]
    return "\n".join(lines) + "\n"
