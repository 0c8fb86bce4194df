"""Webhook mode: Telegram's POSTs (with the secret header) reach the same handlers; replies go to the API."""

from __future__ import annotations

import asyncio
import socket

import aiohttp

from bot.config import Settings
from bot.run import run_webhook
from tests.bot_fixtures import BEST, FakeEngine
from tests.fake_api import TOKEN, FakeBotAPI


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_server_answers_updates_and_checks_the_secret():
    port = free_port()
    async with FakeBotAPI() as api:
        settings = Settings(_env_file=None, bot_token=TOKEN, telegram_api_url=api.url,
                            webhook_url=f"http://127.0.0.1:{port}/tg/hook", webhook_secret="s3cret-token",
                            webhook_host="127.0.0.1", webhook_port=port)
        stop = asyncio.Event()
        server = asyncio.create_task(run_webhook(settings, FakeEngine(), stop=stop))
        try:
            hook = await api.wait_call(lambda c: c.method == "setWebhook", timeout=20)
            assert hook.params["url"] == settings.webhook_url and hook.params["secret_token"] == "s3cret-token"
            assert hook.params["allowed_updates"] == ["callback_query", "inline_query", "message"]
            assert str(hook.params.get("drop_pending_updates", "false")).lower() != "true"
            await api.wait_call(lambda c: c.method == "setMyCommands")
            update = {"update_id": 1, **api.private_text("Что в Баку?")}
            async with aiohttp.ClientSession() as http:
                url = f"http://127.0.0.1:{port}/tg/hook"
                forged = await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
                assert forged.status == 401
                ok = await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
                assert ok.status == 200
            reply = await api.wait_sent(lambda m: m["chat"]["id"] == api.alice["id"])
            assert BEST.quote in reply["text"]
            await asyncio.sleep(0.2)
            assert len(api.sent) == 1, "the forged update was not answered"
        finally:
            stop.set()
            await asyncio.wait_for(server, 15)
