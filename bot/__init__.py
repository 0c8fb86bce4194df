"""Configuration, wiring and entry points of the Telegram bot (polling, webhook, console, CLI)."""
