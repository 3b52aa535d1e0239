"""Import time of one vCard file with 10,000 cards (target ≤ 3 s).

Writes a vCard 3.0 file of ``--cards`` fictional contacts (names with æ, ø, å, phones
written locally, e-mails, organisations, some LinkedIn profiles) into a temporary
folder, then imports it into a new SQLite database twice: the second import must
change nothing. Prints seconds per stage and the counts.

    .venv/bin/python bench/import_vcard.py [--cards 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path


def words(text: str) -> list[str]:
    return text.split()


GIVEN = words(
    "Søren Åse Jens Mads Karen Birgitte Henrik Anne Line Kasper Pernille Frederik Ida Ole "
    "Bente Jonas Sofie Mikkel Freja Rasmus Signe Anders Mette Lars Trine Maja Niels Astrid "
    "Thomas Jørgen Dorthe Bjørn Sanne Emil Clara Oliver Alma Victor Ella Noah Karla Lucas "
    "Liv Oscar Nanna Malthe Asta Magnus Esther Hugo Agnes Elias Ingrid Carl Lærke"
)
FAMILY = words(
    "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
    "Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen "
    "Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen "
    "Holm Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Østergaard Jeppesen "
    "Vestergaard Nissen Lauridsen Kjær Jespersen Mogensen Skov Jacobsen Bach Carlsen Dahl "
    "Ravn Bøgh Lærkholm Winther Thygesen Frølund Nørgaard Ærø Friis Bang Krogh Lind Juhl "
    "Berg Dam Vinther Toft Brandt Kofoed Holst Storm Overgaard Hviid Borup Kirkegaard Lykke"
)
ORGS = ["Fjordbank", "Nordlys Energi", "Kattegat Pharma", "Vestenvind A/S", "Gudenå Forsyning"]


def write_cards(path: Path, count: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    lines = []
    for i in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        lines += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
            f"N:{family};{given};;;",
            f"FN:{given} {family}",
            f"ORG:{rng.choice(ORGS)};",
            f"TEL;type=CELL;type=VOICE;type=pref:{20 + i // 1_000_000} {i // 10_000 % 100:02d}"
            f" {i // 100 % 100:02d} {i % 100:02d}",
            f"item1.EMAIL;type=INTERNET:{given.lower()}.{i}@example.dk",
            "item1.X-ABLabel:_$!<Work>!$_",
        ]
        if i % 5 == 0:
            lines.append(f"X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/person-{i}")
        lines.append("END:VCARD")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="netkort-bench-vcard-"))
    os.environ["NETKORT_DATA_DIR"] = str(tmp)
    os.environ.pop("NETKORT_DATABASE_URL", None)
    cards = write_cards(tmp / "contacts.vcf", args.cards)

    from netkort import cli

    cli.setup(str(tmp / "netkort.sqlite3"))
    from netkort.services import workspaces
    from netkort.services.importing import import_files

    workspace = workspaces.local_workspace()
    results = []
    for _ in range(2):
        started = time.perf_counter()
        report = import_files(workspace, [cards])
        results.append((time.perf_counter() - started, report))
    for label, (seconds, report) in zip(("import", "re-import"), results, strict=True):
        f = report.files[0]
        print(
            f"{label}: {seconds:.2f} s (target <= 3 s)  new {f.persons_new}, merged "
            f"{f.persons_merged}, updated {f.persons_updated}, unchanged {f.persons_unchanged}"
        )
        print(f"  stages: {report.timings}")
    return 0 if all(seconds <= 3 for seconds, _report in results) else 1


if __name__ == "__main__":
    sys.exit(main())
