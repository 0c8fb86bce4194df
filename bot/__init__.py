"""Wiring: settings, dispatcher factory, polling/webhook, console, CLI."""
