"""Reasons into words: the pure code gives codes with values, this module the sentences."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from netkort.domain.tie_strength import Reason
from netkort.store import labels


def _roughly(days: int) -> tuple[str, int]:
    """A number of days in the largest unit that still reads well: days up to two weeks,
    weeks up to two months, months up to two years, then years."""
    if days < 14:
        return "day", days
    if days < 60:
        return "week", days // 7
    if days < 730:
        return "month", days // 30
    return "year", days // 365


_AGO = {
    "day": ngettext_lazy("%(count)d day ago", "%(count)d days ago", "count"),
    "week": ngettext_lazy("%(count)d week ago", "%(count)d weeks ago", "count"),
    "month": ngettext_lazy("%(count)d month ago", "%(count)d months ago", "count"),
    "year": ngettext_lazy("%(count)d year ago", "%(count)d years ago", "count"),
}
_OVERDUE = {
    "day": ngettext_lazy("%(count)d day overdue", "%(count)d days overdue", "count"),
    "week": ngettext_lazy("%(count)d week overdue", "%(count)d weeks overdue", "count"),
    "month": ngettext_lazy("%(count)d month overdue", "%(count)d months overdue", "count"),
    "year": ngettext_lazy("%(count)d year overdue", "%(count)d years overdue", "count"),
}


def ago(days: int) -> str:
    """ "today", "3 weeks ago", "4 years ago": how long ago, roughly."""
    if days < 0:
        return _("at an unknown time")
    if days == 0:
        return _("today")
    unit, count = _roughly(days)
    return str(_AGO[unit] % {"count": count})


def overdue(days: int) -> str:
    """ "3 days overdue", "5 weeks overdue", "4 months overdue", "5 years overdue": a
    thousand days said as a number of days is hard to take in."""
    unit, count = _roughly(days)
    return str(_OVERDUE[unit] % {"count": count})


# The sentences with a count are marked with ``ngettext_lazy`` where they are written, so
# that makemessages finds them; the form is chosen by the value of "count" when filled in.


def _count(message: Any) -> Callable[[dict[str, Any]], str]:
    def say(v: dict[str, Any]) -> str:
        return str(message % {**v, "count": int(v["count"])})

    return say


def _contact(message: Any) -> Callable[[dict[str, Any]], str]:
    def say(v: dict[str, Any]) -> str:
        return str(message % {"count": int(v["count"]), "when": ago(int(v["days"]))})

    return say


def _closeness(v: dict[str, Any]) -> str:
    name = labels.CLOSENESS.get(int(v["closeness"]), "")
    return _("You set the closeness: %(closeness)s") % {"closeness": name}


def years_there(start: object, end: object) -> str:
    """The years at a former employer: "2019-2022", "from 2019", "left by 2026" or "".

    An import that sees a new employer records the day it saw it: the person had left
    by then, maybe earlier, so that year reads "left by".
    """
    if start and end:
        return f"{start}–{end}"
    if start:
        return _("from %(start)s") % {"start": start}
    if end:
        return _("left by %(end)s") % {"end": end}
    return ""


def _worked_at(v: dict[str, Any]) -> str:
    if v.get("start") and v.get("end"):
        return _("Worked at %(organisation)s %(start)s–%(end)s") % v
    years = years_there(v.get("start"), v.get("end"))
    if years:
        return _("Used to work at %(organisation)s (%(years)s)") % {**v, "years": years}
    return _("Used to work at %(organisation)s") % v


def _knows(v: dict[str, Any]) -> str:
    if v.get("current"):
        return _("Knows %(name)s, who works at %(organisation)s") % v
    if v.get("organisation"):
        years = years_there(v.get("start"), v.get("end"))
        if years:
            return _("Knows %(name)s, who used to work at %(organisation)s (%(years)s)") % {
                **v,
                "years": years,
            }
        return _("Knows %(name)s, who used to work at %(organisation)s") % v
    return _("Knows %(name)s, who used to work at the target organisation") % v


def _once_close(v: dict[str, Any]) -> str:
    name = labels.CLOSENESS.get(int(v["closeness"]), "")
    return _("Once close (%(closeness)s)") % {"closeness": name}


def _favours(v: dict[str, Any]) -> str:
    return _("Favours: you gave %(given)d, you received %(received)d") % v


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "closeness": _closeness,
    "contact_both": _contact(
        ngettext_lazy(
            "%(count)d contact both ways, last %(when)s",
            "%(count)d contacts both ways, last %(when)s",
            "count",
        )
    ),
    "contact_one": _contact(
        ngettext_lazy(
            "%(count)d contact one way only, last %(when)s",
            "%(count)d contacts one way only, last %(when)s",
            "count",
        )
    ),
    "contact_any": _contact(
        ngettext_lazy(
            "%(count)d contact, last %(when)s", "%(count)d contacts, last %(when)s", "count"
        )
    ),
    "no_contact": lambda v: _("No contact logged"),
    "favours": _favours,
    "give_take": _favours,
    "known_for": _count(
        ngettext_lazy("Known for %(count)d year", "Known for %(count)d years", "count")
    ),
    "shared_organisation": lambda v: _("Works where you work or worked"),
    "introductions": _count(
        ngettext_lazy(
            "Introduced you to %(count)d person", "Introduced you to %(count)d persons", "count"
        )
    ),
    "silent": _count(
        ngettext_lazy("Silent for %(count)d year", "Silent for %(count)d years", "count")
    ),
    "once_close": _once_close,
    "past_contact": _count(
        ngettext_lazy("%(count)d contact in the past", "%(count)d contacts in the past", "count")
    ),
    "past_favours": _count(
        ngettext_lazy("%(count)d favour in the past", "%(count)d favours in the past", "count")
    ),
    "former_colleague": lambda v: _("A former colleague"),
    "pinned": lambda v: _("Pinned by you"),
    "override": lambda v: _("You set the score to %(score)d") % v,
    "goal_open": lambda v: _("The goal names no organisations, roles or places to match"),
    "works_at": lambda v: _("Works at %(organisation)s") % v,
    "worked_at": _worked_at,
    "knows_insider": _knows,
    "role_match": lambda v: _("Title matches the role “%(term)s”") % v,
    "industry_match": lambda v: _("Works in %(term)s") % v,
    "place_match": lambda v: _("Based in %(term)s") % v,
    "keyword_match": lambda v: _("Mentions “%(term)s”") % v,
    "judged_direct_access": lambda v: _("You judged: direct access"),
    "judged_intermediary": lambda v: _("You judged: intermediary"),
    "judged_information": lambda v: _("You judged: information"),
    "super_connector": lambda v: _("A super-connector"),
    "bridge": _count(
        ngettext_lazy(
            "The only link to %(count)d person in your network",
            "The only link to %(count)d persons in your network",
            "count",
        )
    ),
    "no_known_ties": lambda v: _("Whom they know is not recorded yet"),
    "mutual": _count(
        ngettext_lazy("Knows %(count)d of your people", "Knows %(count)d of your people", "count")
    ),
    "low_constraint": lambda v: _("Knows people who do not know each other"),
    "dormant": lambda v: _("A dormant tie worth reviving"),
    "varied": lambda v: (
        _("Placed a little lower so the top of the list is not all from %(organisation)s") % v
    ),
}


def say(reason: Reason) -> str:
    """The reason in the current language."""
    values = dict(reason.values)
    if "years" in values and "count" not in values:
        values["count"] = values["years"]
    text = TEXTS.get(reason.code)
    return text(values) if text else reason.code


def say_all(reasons: Iterable[Reason]) -> list[str]:
    return [say(r) for r in reasons]


def part_names() -> dict[str, str]:
    return {
        "relevance": _("Relevance"),
        "access": _("Access"),
        "novelty": _("Novelty"),
        "willingness": _("Willingness"),
        "dormant": _("Dormant tie"),
    }


def attribute_names() -> dict[str, str]:
    return {
        "industry": _("Industry"),
        "organisation": _("Organisation"),
        "place": _("Place"),
        "function": _("Function"),
        "education": _("Education"),
    }


def function_names() -> dict[str, str]:
    return {
        "management": _("management"),
        "technology": _("technology"),
        "sales": _("sales and purchasing"),
        "people": _("HR and recruiting"),
        "finance": _("finance"),
        "communication": _("communication and marketing"),
        "research": _("research and teaching"),
        "health": _("health care"),
        "engineering": _("engineering"),
        "legal": _("law"),
        "advice": _("advice and casework"),
        "other": _("other"),
    }


def diversity_advice(attribute: str, top: str, count: int, known: int) -> str:
    """Plain advice for a network where one category dominates."""
    values = {"count": count, "known": known, "top": top}
    if attribute == "industry":
        return (
            _(
                "%(count)d of %(known)d people in your network work in %(top)s; people "
                "outside it bring what you do not hear already. A professional association "
                "or a cross-industry network group reaches them."
            )
            % values
        )
    if attribute == "organisation":
        return (
            _(
                "%(count)d of %(known)d people in your network work at %(top)s. Former "
                "colleagues, customers and partners elsewhere widen what you hear."
            )
            % values
        )
    if attribute == "education":
        return (
            _(
                "%(count)d of %(known)d people whose education you know went to %(top)s. "
                "People from other schools and fields of study learned to think about "
                "problems differently; alumni networks of other schools, professional "
                "associations and courses reach them."
            )
            % values
        )
    if attribute == "place":
        return (
            _(
                "%(count)d of %(known)d people in your network are in %(top)s. Events and "
                "online groups in other places reach people you would not meet."
            )
            % values
        )
    return (
        _(
            "%(count)d of %(known)d people in your network work in %(top)s. People in other "
            "lines of work see your questions from another side."
        )
        % values
    )


def weight_texts() -> dict[str, tuple[str, str]]:
    """Each action-list weight's name and what it does, in the current language."""
    parts = part_names()
    return {
        "relevance": (
            parts["relevance"],
            _(
                "How much fitting the goal counts: works or worked at a target organisation, "
                "knows someone who does, or matches its roles, industries, places or keywords."
            ),
        ),
        "access": (
            parts["access"],
            _("The roles you judged for the goal, super-connectors, and closeness."),
        ),
        "novelty": (
            parts["novelty"],
            _(
                "Bridges, people who know people who do not know each other (Burt 2004), and "
                "moderately weak ties (Rajkumar et al. 2022)."
            ),
        ),
        "willingness": (parts["willingness"], _("Tie strength and past give-and-take.")),
        "dormant": (
            parts["dormant"],
            _("A bonus for a dormant tie worth reviving (Levin, Walter & Murnighan 2011)."),
        ),
        "gate_floor": (
            _("Share for people outside the goal"),
            _(
                "How much of the other parts counts for someone who does not fit the goal at "
                "all: 0 leaves them at the bottom, 1 counts them like anyone else."
            ),
        ),
        "diversify_top": (
            _("Places re-ranked for variety"),
            _(
                "How many places at the top of the list are re-ranked so one employer does "
                "not fill them; 0 turns it off."
            ),
        ),
        "same_employer_decay": (
            _("Same-employer factor"),
            _(
                "Each earlier pick from the same employer multiplies a person's score by this "
                "while re-ranking: lower gives more variety, 1 none."
            ),
        ),
        "mutual_peak": (
            _("Most useful number of mutual connections"),
            _(
                "Mutual connections at which a tie counts as most novel; fewer or more count "
                "less. About 10 in one study, not a verified figure."
            ),
        ),
    }
