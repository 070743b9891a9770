"""The demo: a province's bulletins after the 2025 reorganisation, as data files.

Fixtures (``fixtures/``) hold the organisations with their history, the registry, people,
events and the demo accounts; ``issues/`` holds the issues as Markdown files, imported through
the project's importer, and the manifest of what a file cannot say; ``media/`` the photos.
``load_demo`` (``loading.py``) puts them in the database and media storage.
"""
