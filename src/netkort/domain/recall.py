"""Reading the guided recall's fast entry box: one person a line.

A line is ``Name`` or ``Name, organisation`` or ``Name, organisation, title``; anything
after a third comma stays in the title ("Head of Sales, Nordics").
"""

from __future__ import annotations

from dataclasses import dataclass

from netkort.domain.names import fold


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    organisation: str = ""
    title: str = ""

    @property
    def key(self) -> str:
        """The folded name: what decides whether the person is already in the network."""
        return fold(self.name)


def parse_lines(text: str) -> list[Entry]:
    """The entries in the box, in order; blank lines and repeated names are dropped."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for line in text.splitlines():
        name, _, rest = line.partition(",")
        organisation, _, title = rest.partition(",")
        entry = Entry(" ".join(name.split()), " ".join(organisation.split()), title.strip())
        if entry.key and entry.key not in seen:
            seen.add(entry.key)
            entries.append(entry)
    return entries
