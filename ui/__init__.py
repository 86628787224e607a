"""Streamlit glue shared by the pages: the frame, navigation, widgets and chart builders."""
