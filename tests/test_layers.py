"""The import graph of src/uawar: every arrow points down the layers of docs/development.md, no cycle.

The layer table lives once, in docs/development.md: this test reads it."""

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "uawar"
DOC = Path(__file__).parents[1] / "docs" / "development.md"


def read_layers(text: str) -> dict[str, list[str]]:
    """The `| layer | modules | job |` table: layer -> its modules, lowest first ("uawar" is the package's
    __init__, which gives __version__; "site.pages" is uawar.site.pages)."""
    lines = text.splitlines()
    start = lines.index("| layer | modules | job |") + 2  # after the header and its rule
    layers: dict[str, list[str]] = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        layer, modules, _job = (cell.strip() for cell in line.strip("|").split("|", 2))
        layers[layer] = [m if m == "uawar" else f"uawar.{m}" for m in re.findall(r"`([\w.]+)`", modules)]
    return layers


LAYERS = read_layers(DOC.read_text(encoding="utf-8"))


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int:
    return next(i for i, members in enumerate(LAYERS.values()) if module in members)


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


def test_every_module_is_in_the_layer_table_once_and_every_name_there_exists():
    listed = [m for members in LAYERS.values() for m in members]
    modules = set(imports())
    assert list(LAYERS) == ["bottom", "data", "analysis", "notebooks", "site", "entry"]
    assert not sorted(modules - set(listed)), f"add them to the layer table of {DOC.name}"
    assert not sorted(set(listed) - modules), f"in the layer table of {DOC.name}, but no such module"
    assert len(listed) == len(set(listed)), "a module is in two layers"


def test_the_table_reader_reads_a_table_and_stops_after_it():
    text = "intro\n\n| layer | modules | job |\n|---|---|---|\n| low | `uawar`, `site.x` | a, `b` | c |\n\nafter `z`\n"
    assert read_layers(text) == {"low": ["uawar", "uawar.site.x"]}


@pytest.mark.parametrize("module, imported", sorted((m, sorted(i)) for m, i in imports().items()))
def test_imports_point_down(module, imported):
    up = [i for i in imported if _layer(i) > _layer(module) and i != "uawar"]
    assert not up, f"{module} imports {up} from a higher layer"


def test_the_bottom_layer_imports_nothing_else_from_uawar():
    graph = imports()
    allowed = {"uawar.config": set(), "uawar.i18n": {"uawar", "uawar.config"}}  # the words of the others translate
    for module in set(LAYERS["bottom"]) - {"uawar"}:
        assert graph[module] <= allowed.get(module, {"uawar", "uawar.config", "uawar.i18n"}), module


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


def test_the_render_worker_reaches_no_site_wide_page():
    """A report's worker writes what that report produces (uawar.site.report_files); the front page, glossary and
    search index (uawar.site.pages) are written once per run, after the batch."""
    graph, reached, todo = imports(), set(), ["uawar.site.execute"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo += graph.get(module, set())
    assert "uawar.site.report_files" in reached and "uawar.site.pages" not in reached
