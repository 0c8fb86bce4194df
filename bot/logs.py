"""Logging, configured once in `main`. Every record passes a filter that masks bot tokens: aiohttp and
aiogram errors can carry the request URL (`…/bot<token>/sendMessage`), and the token must never reach a log."""

from __future__ import annotations

import logging
import re
import sys

# A bot token anywhere («123456:AA…» is 8–10 digits, a colon, 35 url-safe characters), and whatever
# follows «/bot» in an API URL (covers short test tokens too).
TOKEN_RE = re.compile(r"\b\d{5,12}:[A-Za-z0-9_-]{30,}\b|(?<=/bot)[^/\s]+(?=/)")
MASK = "<token>"


class RedactTokens(logging.Filter):
    """Masks the configured token(s) and anything shaped like a token in the rendered message."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self.secrets = [s for s in (secrets or []) if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return TOKEN_RE.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if clean != message:
            record.msg, record.args = clean, None
        return True


def setup_logging(level: str = "INFO", secrets: list[str] | None = None, stream=None) -> RedactTokens:
    """Root handler on stderr with the redacting filter; quiet chatty libraries below WARNING."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    redact = RedactTokens(secrets)
    handler.addFilter(redact)
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_coverage_bot", False):
            root.removeHandler(old)
    handler._coverage_bot = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("aiohttp.access").setLevel(max(logging.WARNING, root.level))
    return redact
