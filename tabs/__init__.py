"""The app's tabs, one module each, and the HTML/Markdown rendering they share; composed by ui.build_app."""

from index.offline import ensure_offline

ensure_offline()  # before any tab module imports gradio
