"""Message templates in Danish and English, and filling them in.

A template is plain text with placeholders in braces: ``{first_name}``,
``{organisation}``, ``{how_we_know}``, ``{goal}``, ``{mutual_contact}``, ``{my_name}``,
and for a double introduction ``{other_first_name}`` and ``{other_organisation}``. Filling
is pure: a placeholder without a value becomes a visible marker such as
``[organisation]`` so the user sees what to write before sending, and it is reported in
``Filled.missing``. Braces that are not a known placeholder are left as they are.

The texts are short on purpose: a first message that asks for little is answered more
often, and people underestimate how willing others are to help (Flynn & Lake 2008).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("da", "en")

KINDS = (
    "first_contact",
    "reconnect",
    "ask_information",
    "ask_introduction",
    "virtual_coffee",
    "thanks",
    "follow_up",
    "double_introduction",
)

PLACEHOLDERS = (
    "first_name",
    "organisation",
    "how_we_know",
    "goal",
    "mutual_contact",
    "my_name",
    "other_first_name",
    "other_organisation",
)

# What a missing value looks like in the text, per language.
MARKERS: dict[str, dict[str, str]] = {
    "da": {
        "first_name": "[fornavn]",
        "organisation": "[organisation]",
        "how_we_know": "[hvordan I kender hinanden]",
        "goal": "[dit mål]",
        "mutual_contact": "[fælles bekendt]",
        "my_name": "[dit navn]",
        "other_first_name": "[den andens fornavn]",
        "other_organisation": "[den andens organisation]",
    },
    "en": {
        "first_name": "[first name]",
        "organisation": "[organisation]",
        "how_we_know": "[how you know each other]",
        "goal": "[your goal]",
        "mutual_contact": "[mutual contact]",
        "my_name": "[your name]",
        "other_first_name": "[the other's first name]",
        "other_organisation": "[the other's organisation]",
    },
}

# Where we know someone from (a context key), said as part of a sentence.
HOW_WE_KNOW: dict[str, dict[str, str]] = {
    "da": {
        "current_colleagues": "vi arbejder sammen",
        "former_colleagues": "vi har arbejdet sammen",
        "customers": "vi har samarbejdet som kunde og leverandør",
        "partners": "vi har samarbejdet",
        "friends": "vi er venner",
        "acquaintances": "vi kender hinanden",
        "family": "vi er familie",
        "leisure": "vi kender hinanden fra fritiden",
        "professional_events": "vi har mødt hinanden til et fagligt arrangement",
        "social_events": "vi har mødt hinanden til et socialt arrangement",
        "education": "vi har studeret sammen",
    },
    "en": {
        "current_colleagues": "we work together",
        "former_colleagues": "we used to work together",
        "customers": "we have worked together as customer and supplier",
        "partners": "we have worked together",
        "friends": "we are friends",
        "acquaintances": "we know each other",
        "family": "we are family",
        "leisure": "we know each other from our spare time",
        "professional_events": "we met at a professional event",
        "social_events": "we met at a social event",
        "education": "we studied together",
    },
}


@dataclass(frozen=True, slots=True)
class Template:
    kind: str
    language: str
    subject: str
    body: str


def _t(kind: str, language: str, subject: str, body: str) -> Template:
    return Template(kind, language, subject, body)


BUILT_IN: dict[tuple[str, str], Template] = {
    (t.kind, t.language): t
    for t in (
        _t(
            "first_contact",
            "da",
            "Et kort spørgsmål fra {my_name}",
            "Hej {first_name}\n\n{mutual_contact} foreslog, at jeg tog fat i dig. Jeg er i gang "
            "med {goal}, og jeg kunne godt tænke mig at høre lidt om dine erfaringer fra "
            "{organisation}.\n\nHar du 20 minutter i de kommende uger?\n\nVenlig hilsen\n{my_name}",
        ),
        _t(
            "first_contact",
            "en",
            "A short question from {my_name}",
            "Hi {first_name}\n\n{mutual_contact} suggested I get in touch with you. I am working "
            "on {goal}, and I would love to hear a little about your experience at "
            "{organisation}.\n\nWould you have 20 minutes in the coming weeks?\n\nBest "
            "regards\n{my_name}",
        ),
        _t(
            "reconnect",
            "da",
            "Det er længe siden",
            "Hej {first_name}\n\nDet er alt for længe siden, vi har talt sammen – "
            "{how_we_know}, og jeg kom til at tænke på dig. Hvordan går det hos "
            "{organisation}?\n\nJeg er selv i gang med {goal}. Skal vi tage en kop kaffe, også "
            "bare virtuelt?\n\nKærlig hilsen\n{my_name}",
        ),
        _t(
            "reconnect",
            "en",
            "It has been a while",
            "Hi {first_name}\n\nIt has been far too long since we last spoke – {how_we_know}, and "
            "you came to mind. How are things at {organisation}?\n\nI am working on {goal} myself. "
            "Shall we have a coffee, even a virtual one?\n\nWarm regards\n{my_name}",
        ),
        _t(
            "ask_information",
            "da",
            "Et spørgsmål om {organisation}",
            "Hej {first_name}\n\nJeg er i gang med {goal}, og du ved mere om {organisation} end de "
            "fleste. Må jeg stille dig to-tre spørgsmål – på mail eller i et kort opkald, som det "
            "passer dig?\n\nTak på forhånd\n{my_name}",
        ),
        _t(
            "ask_information",
            "en",
            "A question about {organisation}",
            "Hi {first_name}\n\nI am working on {goal}, and you know more about {organisation} "
            "than most. May I ask you two or three questions – by e-mail or in a short call, "
            "whichever suits you?\n\nThank you in advance\n{my_name}",
        ),
        _t(
            "ask_introduction",
            "da",
            "Vil du præsentere mig for {mutual_contact}?",
            "Hej {first_name}\n\nJeg er i gang med {goal}, og jeg kan se, at du kender "
            "{mutual_contact}. Vil du have lyst til at præsentere os for hinanden? Jeg sender "
            "gerne et par linjer, du kan videresende.\n\nTak!\n{my_name}",
        ),
        _t(
            "ask_introduction",
            "en",
            "Would you introduce me to {mutual_contact}?",
            "Hi {first_name}\n\nI am working on {goal}, and I see that you know {mutual_contact}. "
            "Would you be willing to introduce us? I am happy to send a few lines you can "
            "forward.\n\nThank you!\n{my_name}",
        ),
        _t(
            "virtual_coffee",
            "da",
            "En virtuel kop kaffe?",
            "Hej {first_name}\n\nHar du lyst til en virtuel kop kaffe på 20 minutter i de kommende "
            "uger? Jeg vil gerne høre, hvad du arbejder med hos {organisation}, og fortælle om "
            "{goal}.\n\nSig til, hvilket tidspunkt der passer dig.\n\nVenlig hilsen\n{my_name}",
        ),
        _t(
            "virtual_coffee",
            "en",
            "A virtual coffee?",
            "Hi {first_name}\n\nWould you like a 20-minute virtual coffee in the coming weeks? "
            "I would like to hear what you are working on at {organisation} and tell you about "
            "{goal}.\n\nLet me know what time suits you.\n\nBest regards\n{my_name}",
        ),
        _t(
            "thanks",
            "da",
            "Tak for hjælpen",
            "Hej {first_name}\n\nTusind tak for din tid og din hjælp. Det har gjort en forskel for "
            "{goal}. Sig endelig til, hvis jeg kan gøre noget for dig.\n\nKærlig hilsen\n{my_name}",
        ),
        _t(
            "thanks",
            "en",
            "Thank you for your help",
            "Hi {first_name}\n\nThank you so much for your time and your help. It made a "
            "difference for {goal}. Do let me know if I can do anything for you.\n\nWarm "
            "regards\n{my_name}",
        ),
        _t(
            "follow_up",
            "da",
            "Opfølgning",
            "Hej {first_name}\n\nTak for sidst. Jeg vil lige følge op på det, vi talte om. Jeg har "
            "arbejdet videre med {goal}, og jeg fortæller gerne, hvordan det går.\n\nVenlig "
            "hilsen\n{my_name}",
        ),
        _t(
            "follow_up",
            "en",
            "Following up",
            "Hi {first_name}\n\nThank you for last time. I wanted to follow up on what we "
            "discussed. I have moved on with {goal} and am happy to tell you how it is "
            "going.\n\nBest regards\n{my_name}",
        ),
        _t(
            "double_introduction",
            "da",
            "{first_name}, mød {other_first_name}",
            "Hej {first_name} og {other_first_name}\n\nI to bør kende hinanden. {first_name} "
            "arbejder hos {organisation}, og {other_first_name} hos {other_organisation}, og jeg "
            "tror, I vil få meget ud af en snak.\n\nJeg overlader resten til jer.\n\nVenlig "
            "hilsen\n{my_name}",
        ),
        _t(
            "double_introduction",
            "en",
            "{first_name}, meet {other_first_name}",
            "Hi {first_name} and {other_first_name}\n\nYou two should know each other. "
            "{first_name} works at {organisation} and {other_first_name} at "
            "{other_organisation}, and I think you would get a lot out of a chat.\n\nI will "
            "leave the rest to you.\n\nBest regards\n{my_name}",
        ),
    )
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class Filled:
    subject: str
    body: str
    missing: tuple[str, ...]


def built_in(kind: str, language: str) -> Template:
    """The built-in template; an unknown language falls back to English."""
    if kind not in KINDS:
        raise KeyError(f"no message template of kind {kind!r}")
    return BUILT_IN[(kind, language if language in LANGUAGES else "en")]


def fill(template: Template, values: Mapping[str, str]) -> Filled:
    """The template with its placeholders replaced; values are used as given."""
    language = template.language if template.language in LANGUAGES else "en"
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        value = (values.get(name) or "").strip()
        if value:
            return value
        if name not in missing:
            missing.append(name)
        return MARKERS[language][name]

    subject = _PLACEHOLDER.sub(replace, template.subject)
    body = _PLACEHOLDER.sub(replace, template.body)
    return Filled(subject, body, tuple(missing))


def how_we_know(context_keys: list[str], language: str) -> str:
    """A phrase for the first built-in context; empty when none is known."""
    phrases = HOW_WE_KNOW.get(language, HOW_WE_KNOW["en"])
    for key in context_keys:
        if key in phrases:
            return phrases[key]
    return ""


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in a user's own template that netkort cannot fill."""
    return sorted({n for n in _PLACEHOLDER.findall(text) if n not in PLACEHOLDERS})
