"""Dự án / Register: the cooperation register, filterable, as a table that scrolls sideways on a wide screen
and becomes cards on a phone; downloads as CSV (UTF-8 with BOM) and Excel, in the interface language."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui.context import Refresh, Relabel, TabBuild, UiContext, label
from ui.exports import DocLabels, RegisterLine, register_csv, register_lines, register_xlsx
from ui.i18n import t
from ui.i18n_values import KINDS, shown
from ui.render import table_html

SHOWN = ("partner", "kind", "title_col", "funder", "amount", "phase", "status", "source")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _amount(line: RegisterLine, lang: str) -> str:
    if line.amount is None:
        return ""
    number = f"{line.amount:,.0f}"
    return f"{number.replace(',', '.') if lang == 'vi' else number} {line.currency}".strip()


def _cells(line: RegisterLine, lang: str) -> list[str]:
    where = f"{_clip(line.doc_title, 60)}" + (f" — {line.doc_period}" if line.doc_period else "")
    funder = line.funder + (f" ({line.funding})" if line.funding else "")
    return [line.partner, line.kind, line.title, funder, _amount(line, lang), line.phase, line.status,
            f"“{_clip(line.quote, 160)}” — {where}"]


def view(lines: list[RegisterLine], lang: str) -> str:
    return table_html([t(c, lang) for c in SHOWN], [_cells(line, lang) for line in lines], "register-table")


def choices(ctx: UiContext, lang: str) -> dict[str, list[Any]]:
    rows = ctx.assistant.register_rows()
    partners = [((vi if lang == "vi" else en) + f" — {en if lang == 'vi' else vi} ({n})", en)
                for en, vi, n in ctx.assistant.register.partners()]
    return {"partner": partners, "kind": sorted((shown(KINDS, k, lang), k) for k in {r.kind for r in rows}),
            "period": [(p, p) for p in sorted({r.period for r in rows if r.period})],
            "funder": sorted({r.funder for r in rows if r.funder})}


def query(ctx: UiContext, partner: str | None, funder: str | None, kind: str | None, period: str | None,
          lang: str) -> tuple[str, str, str, str]:
    rows = ctx.assistant.register_rows(partner or None, (funder or "").strip() or None, kind or None, period or None)
    lines = register_lines(rows, DocLabels(ctx.assistant.catalog), lang)
    csv, xlsx = ctx.out_file("register.csv"), ctx.out_file("register.xlsx")
    csv.write_bytes(register_csv(lines, lang))
    xlsx.write_bytes(register_xlsx(lines, lang))
    return view(lines, lang), f"{len(rows)} {t('rows', lang)}", str(csv), str(xlsx)


def refresh_choices(ctx: UiContext, lang: str) -> tuple[Any, Any, Any, Any]:
    c = choices(ctx, lang)
    return (gr.update(choices=c["partner"]), gr.update(choices=c["funder"]), gr.update(choices=c["kind"]),
            gr.update(choices=c["period"]))


def build(ctx: UiContext, lang: gr.Radio) -> TabBuild:
    c = choices(ctx, "vi")
    with gr.Row(elem_id="reg-filters"):
        partner = gr.Dropdown(c["partner"], value=None, label=t("partner"), allow_custom_value=True, elem_id="reg-partner",
                              min_width=160)
        funder = gr.Dropdown(c["funder"], value=None, label=t("funder"), allow_custom_value=True, elem_id="reg-funder",
                             min_width=160)
        kind = gr.Dropdown(c["kind"], value=None, label=t("kind"), elem_id="reg-kind", min_width=140)
        period = gr.Dropdown(c["period"], value=None, label=t("phase"), allow_custom_value=True, elem_id="reg-period",
                             min_width=120)
    with gr.Row(elem_id="reg-actions", equal_height=True):
        run = gr.Button(t("filter"), variant="primary", elem_id="reg-filter", size="sm", min_width=80)
        count = gr.Markdown(elem_id="reg-count")
        csv = gr.DownloadButton(t("export_csv"), elem_id="reg-csv", size="sm", min_width=100)
        xlsx = gr.DownloadButton(t("export_xlsx"), elem_id="reg-xlsx", size="sm", min_width=100)
    grid = gr.HTML(elem_id="reg-table")
    inputs = [partner, funder, kind, period, lang]
    outputs = [grid, count, csv, xlsx]

    def fn(*args: Any) -> tuple[str, str, str, str]:
        return query(ctx, *args)

    run.click(fn, inputs, outputs)
    for dd in (partner, kind, period, funder):
        dd.change(fn, inputs, outputs)
    lang.change(fn, inputs, outputs)
    lang.change(lambda lg: refresh_choices(ctx, lg), [lang], [partner, funder, kind, period])
    relabels: list[Relabel] = [label(partner, "partner"), label(funder, "funder"), label(kind, "kind"),
                               label(period, "phase"), label(run, "filter", "value"), label(csv, "export_csv"),
                               label(xlsx, "export_xlsx")]
    return TabBuild(relabels, [Refresh(lambda lg: refresh_choices(ctx, lg), [lang], [partner, funder, kind, period]),
                               Refresh(fn, inputs, outputs)])

