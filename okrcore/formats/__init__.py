"""Workshops in and out of text: JSON, CSV and Markdown, shared by the app and the linter."""
