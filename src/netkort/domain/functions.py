"""A person's line of work from their title, for the diversity of functions.

Titles are free text in Danish and English; a short list of word stems per family is
enough to see whether a network is all managers or all developers. The first family
whose stem occurs in the folded title wins, so the order below matters.
"""

from __future__ import annotations

from netkort.domain.names import fold

FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("management", ("ceo", "cfo", "cto", "direktor", "direktoer", "chef", "head of", "leder",
                    "manager", "partner", "director", "vp ")),
    ("technology", ("udvikler", "developer", "architect", "data ", "software", "scrum",
                    "product owner", " it ", "devops", "engineer")),
    ("sales", ("salg", "sales", "account", "kunde", "indkob", "indkoeb", "buyer")),
    ("people", (" hr ", "rekrutter", "recruit", "headhunter", "talent")),
    ("finance", ("okonomi", "oekonomi", "finance", "controller", "analyst", "risk", "invest",
                 "compliance", "revisor")),
    ("communication", ("kommunikation", "communication", "marketing", "journalist", "redaktor",
                       "redaktoer", "kampagne")),
    ("research", ("research", "professor", "lektor", "adjunkt", "forsk", "scientist", "ph.d",
                  "laborant", "studievejleder")),
    ("health", ("sygeplejerske", "laege", "fysioterapeut", "nurse", "doctor", "klinik")),
    ("engineering", ("ingenior", "ingenioer", "konstruktor", "konstruktoer", "arkitekt",
                     "maskinmester", "bim")),
    ("legal", ("advokat", "lawyer", "legal", "jurist")),
    ("advice", ("konsulent", "consultant", "radgiver", "raadgiver", "advisor", "fuldmaegtig",
                "sagsbehandler")),
)  # fmt: skip


def function_of(title: str) -> str:
    """The family key ("management", "technology", …), "other", or "" without a title."""
    folded = f" {fold(title)} "
    if not folded.strip():
        return ""
    for family, stems in FAMILIES:
        if any(stem in folded for stem in stems):
            return family
    return "other"
