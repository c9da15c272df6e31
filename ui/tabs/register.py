"""Dự án / Register: the cooperation register, filterable and sortable, with a CSV download."""

from __future__ import annotations

from functools import partial
from typing import Any

import gradio as gr
import pandas as pd

from assistant.types import RegisterRow
from index.register_store import rows_to_csv
from ui.context import Refresh, Relabel, TabBuild, UiContext, label
from ui.i18n import t

COLUMNS = ("partner", "kind", "title_col", "funder", "amount", "currency", "period", "status", "source")


def _clip(text: str, limit: int = 180) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table(ctx: UiContext, rows: list[RegisterRow], lang: str) -> pd.DataFrame:
    """One line per activity; the source column quotes the sentence it was read from."""
    titles = ctx.assistant.catalog.titles()
    texts: dict[str, str] = {}

    def source(r: RegisterRow) -> str:
        if r.doc_id not in texts:
            texts[r.doc_id] = ctx.assistant.document_text(r.doc_id)
        quote = _clip(texts[r.doc_id][r.source.start : r.source.end], 140)
        return f"“{quote}” — {_clip(titles.get(r.doc_id, r.doc_id), 40)}"

    data = [[r.partner_vi if lang == "vi" else r.partner, r.kind, r.title or "", r.funder or "",
             r.amount, r.currency or "", r.period or "", r.status or "", source(r)] for r in rows]
    return pd.DataFrame(data, columns=[t(c, lang) for c in COLUMNS])


def choices(ctx: UiContext) -> dict[str, list[Any]]:
    rows = ctx.assistant.register_rows()
    partners = [(f"{vi} — {en} ({n})", en) for en, vi, n in ctx.assistant.register.partners()]
    return {"partner": partners, "kind": sorted({r.kind for r in rows}),
            "period": sorted({r.period for r in rows if r.period}),
            "funder": sorted({r.funder for r in rows if r.funder})}


def query(ctx: UiContext, partner: str | None, funder: str | None, kind: str | None, period: str | None,
          lang: str) -> tuple[pd.DataFrame, str, str]:
    rows = ctx.assistant.register_rows(partner or None, (funder or "").strip() or None, kind or None, period or None)
    path = ctx.out_file("register.csv")
    path.write_text(rows_to_csv(rows), encoding="utf-8")
    return table(ctx, rows, lang), f"{len(rows)} {t('rows', lang)}", str(path)


def refresh_choices(ctx: UiContext) -> tuple[Any, Any, Any, Any]:
    c = choices(ctx)
    return (gr.update(choices=c["partner"]), gr.update(choices=c["funder"]), gr.update(choices=c["kind"]),
            gr.update(choices=c["period"]))


def build(ctx: UiContext, lang: gr.Radio) -> TabBuild:
    c = choices(ctx)
    with gr.Row():
        partner = gr.Dropdown(c["partner"], value=None, label=t("partner"), allow_custom_value=True, elem_id="reg-partner")
        funder = gr.Dropdown(c["funder"], value=None, label=t("funder"), allow_custom_value=True, elem_id="reg-funder")
        kind = gr.Dropdown(c["kind"], value=None, label=t("kind"), elem_id="reg-kind")
        period = gr.Dropdown(c["period"], value=None, label=t("period"), allow_custom_value=True, elem_id="reg-period")
    with gr.Row():
        run = gr.Button(t("filter"), variant="primary", elem_id="reg-filter")
        count = gr.Markdown(elem_id="reg-count")
        csv = gr.DownloadButton(t("export_csv"), elem_id="reg-csv")
    grid = gr.Dataframe(interactive=False, wrap=True, elem_id="reg-table", max_height=620,
                        column_widths=["10%", "8%", "22%", "12%", "8%", "5%", "8%", "8%", "19%"])
    inputs = [partner, funder, kind, period, lang]
    outputs = [grid, count, csv]
    fn = partial(query, ctx)
    run.click(fn, inputs, outputs)
    for dd in (partner, kind, period):
        dd.change(fn, inputs, outputs)
    funder.change(fn, inputs, outputs)
    lang.change(fn, inputs, outputs)
    relabels: list[Relabel] = [label(partner, "partner"), label(funder, "funder"), label(kind, "kind"), label(period, "period"),
                label(run, "filter", "value"), label(csv, "export_csv")]
    return TabBuild(relabels, [Refresh(partial(refresh_choices, ctx), [], [partner, funder, kind, period]),
                               Refresh(fn, inputs, outputs)])
