"""Companion's core: domain rules, storage, import and export. Never imports Qt."""

__version__ = "0.1.0"
APP_NAME = "Companion"
