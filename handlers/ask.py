"""Questions: any text in a private chat, `/ask question`, and in groups a mention or a reply to the bot."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from . import render
from .deps import EngineHolder
from .filters import Addressed, UnknownCommand, is_private
from .replies import reply


async def answer_question(message: Message, question: str, holder: EngineHolder) -> None:
    answer = await holder.answer(question)
    keyboard = render.more_keyboard(render.more_refs(answer)) if answer.best is not None else None
    example = await holder.example_question() if answer.best is None else ""
    await reply(message, render.answer(answer, example), keyboard)


def router() -> Router:
    r = Router(name=__name__)

    @r.message(Command("ask"))
    async def ask(message: Message, command: CommandObject, bot: Bot, holder: EngineHolder) -> None:
        question = (command.args or "").strip()
        replied = message.reply_to_message
        me = await bot.me()
        if not question and replied is not None and not (replied.from_user and replied.from_user.id == me.id):
            # `/ask` sent as a reply to someone's message asks that message's question.
            question = (replied.text or replied.caption or "").strip()
        if not question:
            await reply(message, render.ask_usage(username=me.username, group=not is_private(message)))
            return
        await answer_question(message, question, holder)

    @r.message(Addressed())
    async def ask_text(message: Message, question: str, bot: Bot, holder: EngineHolder) -> None:
        if not question.strip() and not is_private(message):
            me = await bot.me()
            await reply(message, render.mention_usage(me.username))
            return
        await answer_question(message, question, holder)

    @r.message(UnknownCommand())
    async def unknown_command(message: Message) -> None:
        await reply(message, render.unknown_command())

    return r
