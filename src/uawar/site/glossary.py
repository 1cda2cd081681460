"""The site's glossary: each term's id, name and definition (glossary.html, written by `uawar.site.pages`), and a
report's page with the first use of each term linked to its entry (in the report's worker)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from uawar.i18n import N_

# The glossary (glossary.html): id, term, definition. The findings link the terms they use.
GLOSSARY = (
    (
        "shot-down",
        N_("Shot down"),
        N_(
            "The number the Air Force reports as destroyed in the air. Until 2025-07-23 it counts shot down "
            "alone (the kinetic rate); from 2025-07-24 the posts give Shahed-type drones one figure, 'shot "
            "down/suppressed', so it also holds the suppressed. A rate is over the launched of the reports that "
            "state a shot-down figure."
        ),
    ),
    (
        "suppressed",
        N_("Suppressed (locationally lost)"),
        N_(
            "Drones lost without being shot down ('локаційно втрачені', lost on radar); the posts attribute this "
            "mostly to electronic warfare, the figure states no cause. Stated separately for Shahed-type drones "
            "from 2024-07-10 to 2025-07-23; blank where a report does not state it, never zero."
        ),
    ),
    (
        "neutralised",
        N_("Neutralised"),
        N_(
            "Shot down plus suppressed, over the launched of the reports that state both: what the merged figure "
            "of the posts from 2025-07-24 measures."
        ),
    ),
    (
        "decoys",
        N_("Decoys"),
        N_(
            "Imitation drones flown with the Shahed-type strike drones. 'Launched' counts both; from 2025-07-15 "
            "many reports state about how many were strike drones (about 60 %), and the shot-down figure covers "
            "both."
        ),
    ),
    (
        "nationwide",
        N_("Nationwide and regional reports"),
        N_(
            "The Air Force's nationwide posts count the overnight attacks on the whole country (on a few days "
            "the General Staff's or the Commander-in-Chief's). Regional air commands post tallies of the drones "
            "they shoot down in their zones: not launch counts, and possibly the same drones again, so the two "
            "are never added."
        ),
    ),
    (
        "attack",
        N_("Attack"),
        N_("One nationwide report (one post) with the span of its rows' windows: a night attack, or a daytime one."),
    ),
    (
        "report-day",
        N_("Report day"),
        N_(
            "The date an attack's window ends (the morning after a night attack, the evening of a daytime one). "
            "A report day can hold several attacks, so the largest attack and the largest report day are "
            "different figures."
        ),
    ),
    (
        "casualties",
        N_("Casualties and deaths"),
        N_(
            "Casualties are killed plus wounded (some definitions add missing and captured). The General Staff's "
            "daily 'personnel' figure is a claimed count of Russian casualties, not of deaths; wound cases can "
            "count one soldier twice."
        ),
    ),
)
GLOSSARY_TERMS = {g[0]: g[1] for g in GLOSSARY}
# Where a glossary term is used (case aside): a report links its first use outside links, code, headings, captions
# and the <details> boxes (quotes, citations) to the glossary's entry.
GLOSSARY_USES = {
    "shot-down": r"shot down",
    "suppressed": r"suppressed",
    "neutralised": r"neutralised",
    "decoys": r"decoys?",
    "nationwide": r"nationwide",
    "attack": r"attacks?(?! log)",
    "report-day": r"report days?",
    "casualties": r"casualties",
}


class _FirstUses(HTMLParser):
    """The first use of each glossary term in a page's <main> text outside _NO_LINK elements: {id: (offset, text)}."""

    _NO_LINK = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "details", "figcaption", "button", "th"}

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0] + [m.end() for m in re.finditer("\n", page)]
        self.main = self.skip = 0
        self.found: dict[str, tuple[int, str]] = {}
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.main += tag == "main"
        self.skip += tag in self._NO_LINK

    def handle_endtag(self, tag: str) -> None:
        self.main -= tag == "main"
        self.skip -= tag in self._NO_LINK

    def handle_data(self, data: str) -> None:
        if not self.main or self.skip:
            return
        line, col = self.getpos()
        for term, use in GLOSSARY_USES.items():
            if term not in self.found and (m := re.search(rf"\b{use}\b", data, re.I)):
                self.found[term] = (self.starts[line - 1] + col + m.start(), m.group(0))


def link_glossary(page: str) -> str:
    """A report's page with the first use of each glossary term linked to its entry (glossary.html#id)."""
    for term, (at, text) in sorted(_FirstUses(page).found.items(), key=lambda f: -f[1][0]):
        page = f'{page[:at]}<a href="glossary.html#{term}">{text}</a>{page[at + len(text) :]}'
    return page
