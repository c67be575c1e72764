"""The shape of the package: layers, no import cycles, SQL only in the store, modules of one job."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "notifyd"

# The layers, lowest first: a module may import its own layer or any lower one, never a higher
# one. ingest (bytes in) and understand (what the bytes say) sit side by side; the pipeline is
# the one ingest module that drives the later stages (classify, store, alert), so it sits with
# the seller's tools, below the process that runs it.
LAYERS: dict[str, int] = {
    "notifyd.core": 0,
    "notifyd.ingest": 1,
    "notifyd.understand": 1,
    "notifyd.store": 2,
    "notifyd.deliver": 3,
    "notifyd.ingest.pipeline": 4,
    "notifyd.seller": 4,
    "notifyd.web": 4,
    "notifyd.run": 5,
    "notifyd.cli": 6,
    "notifyd.__main__": 7,
}

MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (PACKAGE.parent / relative).with_suffix(".py").exists() or (
        PACKAGE.parent / relative / "__init__.py"
    ).exists()


def import_graph() -> dict[str, set[str]]:
    """module -> the notifyd modules it imports, anywhere in its body (late imports count)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        edges = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name.startswith("notifyd"))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("notifyd"):
                assert node.module is not None
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    edges.add(sub if is_module(sub) else node.module)
        edges.discard(name)
    return graph


def layer(name: str) -> int:
    best = max((p for p in LAYERS if name == p or name.startswith(p + ".")), key=len, default="")
    assert best, f"{name} is in no layer; add its package to LAYERS"
    return LAYERS[best]


def test_no_module_imports_a_higher_layer() -> None:
    graph = import_graph()
    upward = sorted(
        f"{a} (layer {layer(a)}) imports {b} (layer {layer(b)})"
        for a, targets in graph.items()
        if a != "notifyd"
        for b in targets
        if b != "notifyd" and layer(b) > layer(a)
    )
    assert upward == []


def test_the_import_graph_has_no_cycle() -> None:
    graph = import_graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert [" -> ".join(c) for c in cycles] == []


def test_the_graph_sees_late_imports_and_submodules() -> None:
    """The checks above are only as good as the graph: it must see a function-level import
    and tell `from package import module` from `from module import name`."""
    graph = import_graph()
    assert "notifyd.run.daemon" in graph["notifyd.cli.ops"]  # imported inside `run`
    assert "notifyd.cli.seller" in graph["notifyd.cli"]
    assert "notifyd.store.db" in graph["notifyd.seller.respond"]


_SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(TABLE|INDEX)|PRAGMA)\b",
    re.IGNORECASE | re.DOTALL,
)


def test_only_the_store_package_writes_sql() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "store"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and _SQL.search(text):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_no_module_is_over_500_lines() -> None:
    long = sorted(
        f"{p.relative_to(PACKAGE)}: {n} lines"
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    )
    assert long == []
