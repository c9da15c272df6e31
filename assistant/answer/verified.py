"""Fall back, don't refuse: an LLM answer is verified claim by claim as it streams; when nothing of it
holds (no supported claim, the decline token, or the wrong language twice) the extractive backend's cited
answer is given instead, and ``backend`` says so ("openai→extractive")."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from assistant.answer.backends import AnswerBackend, GenerationRequest
from assistant.answer.grounding import GroundedRun, Outcome
from assistant.answer.support import SourceFacts, SupportChecker
from assistant.types import Citation

EXTRACTIVE = "extractive"


def fallback_name(backend: str) -> str:
    return backend if backend == EXTRACTIVE else f"{backend}→{EXTRACTIVE}"


@dataclass
class VerifiedGeneration:
    checker: SupportChecker
    facts: dict[int, SourceFacts]
    citations: dict[int, Citation]
    outcomes: list[Outcome] = field(default_factory=list)
    backend: str = EXTRACTIVE

    @property
    def final(self) -> Outcome:
        return self.outcomes[-1]

    @property
    def unsupported(self) -> list[str]:
        return [u for o in self.outcomes for u in o.unsupported]

    def _run(self, pieces: Iterable[str], language: str | None) -> Iterator[str]:
        run = GroundedRun(self.checker, self.facts, self.citations, language)
        try:
            yield from run.run(pieces)
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()  # stop the model when the gate gave up on it (wrong language)
        self.outcomes.append(run.outcome())

    def note(self, markdown: str, backend: str) -> Iterator[str]:
        """A briefing request: the cited note, whatever the backend."""
        self.backend = fallback_name(backend)
        yield from self._run([markdown], None)

    def answer(self, impl: AnswerBackend, request: GenerationRequest,
               extractive: Callable[[], AnswerBackend]) -> Iterator[str]:
        self.backend = impl.name
        if impl.name == EXTRACTIVE:
            yield from self._run(impl.generate(request), None)
            return
        yield from self._run(impl.generate(request), request.language)
        if self.final.wrong_language:  # retried once with an explicit instruction
            yield from self._run(impl.generate(replace(request, language_retry=True)), request.language)
        if not self.final.kept:
            self.backend = fallback_name(impl.name)
            yield from self._run(extractive().generate(request), None)
