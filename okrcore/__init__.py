"""OKR Workshop's domain: models, rules and storage, importable without Streamlit."""
