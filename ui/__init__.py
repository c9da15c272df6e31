"""HTTP API (FastAPI) and web app (Gradio) over ``assistant.core.Assistant``, served on one port."""
