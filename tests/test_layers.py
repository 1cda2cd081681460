"""The import graph of src/uawar: every arrow points down the layers of the design notes, no cycle."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "uawar"
# Lowest first; a module may import from its own layer or a lower one. `uawar` itself gives __version__.
LAYERS = {
    "bottom": {"uawar", "uawar.config", "uawar.errors", "uawar.files", "uawar.markup", "uawar.taxonomy"},
    "data": {"uawar.sources", "uawar.schema", "uawar.ingest", "uawar.exports", "uawar.data", "uawar.diff"},
    "analysis": {
        "uawar.volumes",
        "uawar.suppression",
        "uawar.interception",
        "uawar.attack",
        "uawar.campaign",
        "uawar.geography",
        "uawar.casualties",
        "uawar.claims",
        "uawar.plots",
    },
    "notebooks": {"uawar.params", "uawar.notebook", "uawar.exercises"},
    "site": {"uawar.site"},
    "entry": {"uawar.cli", "uawar.keyfigures", "uawar.__main__"},
}


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int:
    for i, members in enumerate(LAYERS.values()):
        if module in members or any(module.startswith(m + ".") for m in members if m != "uawar"):
            return i
    raise AssertionError(f"{module} is in no layer of tests/test_layers.py: add it where it belongs")


def imports() -> dict[str, set[str]]:
    """module -> the uawar modules it imports (anywhere in the file, inside functions too)."""
    modules = {_module(p) for p in SRC.rglob("*.py")}
    graph = {}
    for path in SRC.rglob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from uawar import data` imports uawar.data; `from uawar.data import load` imports uawar.data
                found |= {f"{node.module}.{a.name}" for a in node.names} | {node.module}
        graph[_module(path)] = {m for m in found if m in modules} - {_module(path)}
    return graph


def test_every_module_has_a_layer():
    for module in imports():
        _layer(module)


@pytest.mark.parametrize("module, imported", sorted((m, sorted(i)) for m, i in imports().items()))
def test_imports_point_down(module, imported):
    up = [i for i in imported if _layer(i) > _layer(module) and i != "uawar"]
    assert not up, f"{module} imports {up} from a higher layer"


def test_the_bottom_layer_imports_nothing_else_from_uawar():
    graph = imports()
    for module in LAYERS["bottom"] - {"uawar"}:
        assert graph[module] <= {"uawar", "uawar.config"} if module != "uawar.config" else not graph[module], module


def test_no_import_cycle():
    graph = imports()
    graph["uawar"] = set()  # the package's __init__ gives only __version__
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(module) :] + [module]))
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
