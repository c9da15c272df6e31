"""Unique project titles and the sentences that state one activity, one paragraph per partner."""

from __future__ import annotations

import math
import random

from evals.synthetic.records import Activity, ExpectedRow, Partner
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
    kinds = ["funded", "funded", "budget", "proposal", "mou"] + (["loan", "loan"] if p.lender else [])
    kind = rng.choice(kinds)
    if kind == "mou":
        field_ = rng.choice(VI_FIELDS if lang == "vi" else EN_FIELDS)
        text = (
            f"Ký kết Bản ghi nhớ với {p.name('vi')} về hợp tác trong lĩnh vực {field_}"
            if lang == "vi"
            else f"signed a Memorandum of Understanding with {p.name('en')} on cooperation in {field_}"
        )
        return Activity(text, ExpectedRow(doc, p.key, p.entry.en, "mou", None, None, None, None, lang))
    title = titles.make(lang)
    amount, value, code = (
        ("", None, None) if kind == "proposal" else _amount(rng, lang, always=kind == "budget")
    )
    text, funder = (_vi_project if lang == "vi" else _en_project)(rng, kind, title, p, amount)
    row_kind = "proposal" if kind == "proposal" else "project"
    return Activity(text, ExpectedRow(doc, p.key, p.entry.en, row_kind, title, funder, value, code, lang))


def _vi_project(rng: random.Random, kind: str, title: str, p: Partner, amount: str) -> tuple[str, str | None]:
    funder = p.funder("vi")
    paren = f" ({amount})" if amount else ""
    if kind == "funded":
        verb = rng.choice(("Tiếp tục thực hiện", "Triển khai", "Hợp tác thực hiện", "Phối hợp thực hiện"))
        return f"{verb} Dự án “{title}” do {funder} tài trợ{paren}", funder
    if kind == "budget":
        return f"Hợp tác thực hiện Dự án “{title}” sử dụng kinh phí của {funder}{paren}", funder
    if kind == "loan":
        return f"Tiếp tục phối hợp thực hiện Dự án “{title}” vay vốn {funder}{paren}", funder
    if rng.random() < 0.5:
        return f"Xây dựng đề xuất Dự án “{title}”", None
    return f"Xây dựng đề xuất Dự án “{title}” sử dụng nguồn vốn viện trợ không hoàn lại của {funder}", funder


def _en_project(rng: random.Random, kind: str, title: str, p: Partner, amount: str) -> tuple[str, str | None]:
    funder = p.funder("en")
    paren = f" ({amount})" if amount else ""
    if kind == "funded":
        verb = rng.choice(("continued the project", "implemented the project", "carried out the project"))
        return f'{verb} "{title}" funded by {funder}{paren}', funder.removeprefix("the ")
    if kind == "budget":
        return (
            f'implemented the project "{title}" financed by a grant from {funder}{paren}',
            funder.removeprefix("the "),
        )
    if kind == "loan":
        return f'continued the project "{title}" with a loan from {funder}{paren}', funder.removeprefix(
            "the "
        )
    if rng.random() < 0.5:
        return f'developed a proposal for the project "{title}"', None
    return f'developed a proposal for the project "{title}" to be funded by {funder}', funder.removeprefix(
        "the "
    )


# ----------------------------------------------------------------------------------------- paragraphs


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _partner_paragraph(
    rng: random.Random, titles: TitleMaker, p: Partner, lang: str, doc: str
) -> tuple[str, list[ExpectedRow]]:
    """One paragraph about one partner: a lead, then 1-4 activities separated by ';' (under 850 chars)."""
    acts: list[Activity] = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
        act = _activity(rng, titles, p, lang, doc)
        if act.row.kind != "mou" or all(a.row.kind != "mou" for a in acts):  # one MoU per paragraph
            acts.append(act)
    while len(acts) > 1 and sum(len(a.text) + 2 for a in acts) > 720:
        acts.pop()
    parts = [a.text for a in acts]
    named = (
        acts[0].row.funder is not None or acts[0].row.kind == "mou"
    )  # the first activity names the partner
    if lang == "vi":
        leads = [f"Bộ Tài nguyên và Môi trường phối hợp với {p.name('vi')} ", f"Với {p.name('vi')}, Bộ "]
        lead = rng.choice(leads + ([""] if named else []))
        body = lead + (_lower_first(parts[0]) if lead else parts[0])
        body = "; ".join([body, *parts[1:]]) + "."
    else:
        lead = rng.choice([f"With {p.name('en')}, the Ministry "] + (["The Ministry "] if named else []))
        body = lead + "; ".join(parts) + "."
    tails = list(VI_TAILS if lang == "vi" else EN_TAILS)
    while len(body) < 300 and tails:
        body += " " + tails.pop(rng.randrange(len(tails)))
    return body, [a.row for a in acts]
