"""Domain exceptions. Adapters (CLI, HTTP, UI) turn them into user-facing errors at the edge."""


class AssistantError(Exception):
    """Base class: the message is meant for the user and says what to do."""


class IngestError(AssistantError):
    """A single file could not be ingested (unsupported, empty, corrupt ...)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmbedderMismatchError(AssistantError):
    """The index was built with another embedder than the one configured."""


class UnknownBackendError(AssistantError):
    """A registry was asked for a name it does not know."""


class DocumentNotFoundError(AssistantError):
    """A document id that is not in the index."""


class AmbiguousDocumentError(AssistantError):
    """A file name that several indexed documents share; the message lists them."""


class EmptyIndexError(AssistantError):
    """Nothing has been ingested yet."""


class QuestionFileError(AssistantError):
    """A question set that cannot be read; ``problems`` lists bad lines by number."""

    def __init__(self, path: str, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems[:10]))
        self.path = path
        self.problems = problems


class BackendUnavailableError(AssistantError):
    """An LLM or vector-store server that cannot be reached or is not configured."""
