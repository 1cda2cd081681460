"""The README stays short and every page of docs/ is reachable from it; every link in them resolves."""

import re
from pathlib import Path

import pytest

from uawar import config

README = config.PROJ_ROOT / "README.md"
PAGES = [README, *sorted((config.PROJ_ROOT / "docs").glob("*.md"))]
# [text](target) and ![alt](target); a target with a scheme (https:, mailto:) is outside the repository
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as
    hyphens, a repeated heading suffixed -1, -2, ..."""
    seen: dict[str, int] = {}
    found = set()
    body = re.sub(r"```.*?```", "", text, flags=re.S)  # a '# comment' in a code block is no heading
    for heading in re.findall(r"^#{1,6} +(.+?) *$", body, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


def links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def test_anchors_as_github_makes_them():
    text = "# A\n## The site's pages\n## Rendering: `make reports` and `uawar render`\n## A\n```\n# not one\n```\n"
    assert anchors(text) == {"a", "the-sites-pages", "rendering-make-reports-and-uawar-render", "a-1"}


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines: move the detail to a page of docs/"


def test_every_page_of_docs_is_linked_from_the_readme():
    linked = {(README.parent / t.split("#")[0]).resolve() for t in links(README)}
    for page in PAGES[1:]:
        assert page.resolve() in linked, f"README.md links no {page.relative_to(config.PROJ_ROOT)}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_resolves_to_a_file_and_its_heading(page: Path):
    for target in links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.name}: {target} names no file"
        if anchor:
            assert anchor in anchors(file.read_text(encoding="utf-8")), f"{page.name}: {target}: no such heading"


def test_the_ukrainian_lesson_plan_has_every_section_of_the_english_one():
    """docs/teaching.uk.md translates docs/teaching.md whole: the same sections, sessions and tables, in order."""

    def shape(name: str) -> list[str]:
        lines = (config.PROJ_ROOT / "docs" / name).read_text(encoding="utf-8").splitlines()
        sessions = [re.sub(r"\D", "", line.split(":")[0]) for line in lines if line.startswith("## ")]
        return sessions + [str(sum(line.startswith("| 0") for line in lines))]

    assert shape("teaching.uk.md") == shape("teaching.md")
