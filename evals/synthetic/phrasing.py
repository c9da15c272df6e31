"""Unique project titles and the sentences that state one activity, one paragraph per partner."""

from __future__ import annotations

import math
import random
from dataclasses import replace

from evals.synthetic.records import Activity, ExpectedRow, Partner
from evals.synthetic.templates import EN, LEADS, TABLE, VI
from evals.synthetic.vocabulary import (
    AMOUNTS,
    EN_ACTIONS,
    EN_APPROACHES,
    EN_FIELDS,
    EN_OBJECTS,
    EN_SCOPES,
    EN_TAILS,
    VI_ACTIONS,
    VI_APPROACHES,
    VI_FIELDS,
    VI_OBJECTS,
    VI_SCOPES,
    VI_TAILS,
)


class TitleMaker:
    """Unique project titles from the topic vocabulary (action + object + scope + approach)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def make(self, lang: str) -> str:
        vocab = (
            (VI_ACTIONS, VI_OBJECTS, VI_SCOPES, VI_APPROACHES)
            if lang == "vi"
            else (EN_ACTIONS, EN_OBJECTS, EN_SCOPES, EN_APPROACHES)
        )
        capacity = math.prod(len(v) for v in vocab)
        for _ in range(1000):
            title = " ".join(self._rng.choice(v) for v in vocab)
            if title not in self._used:
                self._used.add(title)
                return title
        raise ValueError(
            f"the title vocabulary ({capacity} {lang} titles) is exhausted; generate fewer reports"
        )


# ----------------------------------------------------------------------------------------- activities


def _amount(rng: random.Random, lang: str, always: bool = False) -> tuple[str, float | None, str | None]:
    if not always and rng.random() < 0.5:
        return "", None, None
    value, scale, code, vi, en = rng.choice(AMOUNTS)
    return (vi if lang == "vi" else en), value * scale, code


def _activity(rng: random.Random, titles: TitleMaker, p: Partner, lang: str, doc: str) -> Activity:
    """One fact about ``p`` in one of the phrasings of ``templates`` (picked at random)."""
    kinds = ["funded", "funded", "funded", "proposal", "mou"] + (["loan", "loan"] if p.lender else [])
    kind = rng.choice(kinds)
    table = VI if lang == "vi" else EN
    if kind == "mou":
        field_ = rng.choice(VI_FIELDS if lang == "vi" else EN_FIELDS)
        index = rng.randrange(len(table["mou"]))
        template = table["mou"][index]
        text = _fill(template, p, lang, field=field_)
        row = ExpectedRow(doc, p.key, p.entry.en, "mou", None, None, None, None, lang, f"mou.{index}")
        return Activity(text, row, _names_partner(template), template.startswith("{"))
    title = titles.make(lang)
    with_amount = kind != "proposal" and rng.random() < 0.5
    key = f"{kind}_amount" if with_amount else kind
    index = rng.randrange(len(table[key]))
    template = table[key][index]
    amount, value, code = _amount(rng, lang, always=True) if with_amount else ("", None, None)
    text = _fill(template, p, lang, title=title, amount=amount)
    funder = p.funder(lang).removeprefix("the ") if "under}" in template.lower() else None
    row_kind = "proposal" if kind == "proposal" else "project"
    row = ExpectedRow(doc, p.key, p.entry.en, row_kind, title, funder, value, code, lang, f"{key}.{index}")
    return Activity(text, row, _names_partner(template), template.startswith("{"))


def _fill(template: str, p: Partner, lang: str, **values: str) -> str:
    funder, partner = p.funder(lang), p.name(lang)
    return template.format(funder=funder, Funder=_upper_first(funder), partner=partner,
                           Partner=_upper_first(partner), **{"title": "", "amount": "", "field": "", **values})


def _names_partner(template: str) -> bool:
    return any(f"{{{k}}}" in template for k in ("funder", "Funder", "partner", "Partner"))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def table_rows(rng: random.Random, titles: TitleMaker, group: list[Partner], lang: str,
               doc: str) -> tuple[list[str], list[ExpectedRow]]:
    """A table of 2-4 funded projects of different partners: caption, header row, one row per project."""
    caption, header, row, statuses = TABLE[lang]
    lines, rows = [caption, header], []
    for p in rng.sample(group, min(len(group), rng.randint(2, 4))):
        title = titles.make(lang)
        amount, value, code = _amount(rng, lang, always=True)
        funder = p.funder(lang)
        lines.append(row.format(title=title, funder=_upper_first(funder), amount=amount, status=rng.choice(statuses)))
        rows.append(ExpectedRow(doc, p.key, p.entry.en, "project", title, funder.removeprefix("the "), value, code,
                                lang, "table", "table"))
    return lines, rows


# ----------------------------------------------------------------------------------------- paragraphs


def _lower(act: Activity) -> str:
    """The activity continuing a clause: lower-case first letter, unless it starts with a name."""
    return act.text if act.proper_start else act.text[:1].lower() + act.text[1:]


def _partner_paragraph(
    rng: random.Random, titles: TitleMaker, p: Partner, lang: str, doc: str
) -> tuple[str, list[ExpectedRow]]:
    """The facts about one partner, 1-4 of them: a heading line and one line per fact, a lead sentence and
    one sentence per fact, a lead clause the first fact continues and ';' between facts, or (when the first
    fact names the partner) the facts alone, as sentences. Lines are under 850 characters."""
    acts: list[Activity] = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
        act = _activity(rng, titles, p, lang, doc)
        if act.row.kind != "mou" or all(a.row.kind != "mou" for a in acts):  # one MoU per paragraph
            acts.append(act)
    while len(acts) > 1 and sum(len(a.text) + 2 for a in acts) > 700:
        acts.pop()
    parts = [a.text for a in acts]
    forms = ["heading", "sentence", "clause"] + (["none", "none"] if acts[0].names_partner else [])
    form = rng.choice(forms)
    leads = LEADS[lang]
    acts = [replace(a, row=replace(a.row, layout=form)) for a in acts]
    if form == "heading":
        head = rng.choice(leads["heading"]).format(partner=p.name(lang))
        return "\n".join([head, *(f"- {t};" for t in parts[:-1]), f"- {parts[-1]}."]), [a.row for a in acts]
    if form == "clause":
        first = rng.choice(leads["clause"]).format(partner=p.name(lang), rest=_lower(acts[0]))
        body = "; ".join([first, *(_lower(a) for a in acts[1:])]) + "."
    else:
        lead = [rng.choice(leads["sentence"]).format(partner=p.name(lang))] if form == "sentence" else []
        body = " ".join([*lead, *(t + "." for t in parts)])
    tails = list(VI_TAILS if lang == "vi" else EN_TAILS)
    while len(body) < 300 and tails:
        body += " " + tails.pop(rng.randrange(len(tails)))
    return body, [a.row for a in acts]
