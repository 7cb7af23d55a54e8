"""Methods that post new messages: sendMessage, media, copy, forward, chat actions."""

from __future__ import annotations

from typing import Any

from sandbox.delivery import caption, caption_content, deliver, message_text, text_content
from sandbox.errors import bad_request
from sandbox.files import StoredFile
from sandbox.markup import Markup, parse_markup
from sandbox.params import Upload
from sandbox.registry import MethodTable, Params, require
from sandbox.world import World

METHODS = MethodTable()

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
# Parts of a message that copyMessage carries over.
_COPIED_KEYS = ("text", "entities", "document", "photo", "contact", "caption", "caption_entities")


@METHODS.add("sendMessage", sends=True)
async def send_message(world: World, params: Params) -> Any:
    """Send a text message."""
    chat = world.chat_for_sending(require(params, "chat_id"))
    text, entities = message_text(params)
    markup = parse_markup(params.get("reply_markup"))
    content = text_content(text, entities)
    return deliver(world, chat, params, content, markup=markup, html=str(params["text"]))


def _media(world: World, params: Params, field: str, kind: str) -> StoredFile:
    """Resolve a document/photo parameter: an upload, an attach:// part or a file_id."""
    value = params.get(field)
    if isinstance(value, str) and value.startswith("attach://"):
        value = params.get(value.removeprefix("attach://"))
    if isinstance(value, Upload):
        if not value.content:
            raise bad_request("file must be non-empty")
        filename = value.filename or field
        return world.files.add(
            value.content, filename=filename, mime_type=value.content_type, kind=kind
        )
    if not value:
        raise bad_request(f"there is no {field} in the request")
    stored = world.files.get(str(value))
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return stored


async def _send_media(world: World, params: Params, field: str, kind: str) -> Any:
    chat = world.chat_for_sending(require(params, "chat_id"))
    text, entities = caption(params)
    markup = parse_markup(params.get("reply_markup"))
    stored = _media(world, params, field, kind)
    media = stored.document_json() if field == "document" else stored.photo_json()
    content = {field: media, **caption_content(text, entities)}
    html = str(params.get("caption") or "")
    return deliver(world, chat, params, content, markup=markup, html=html)


@METHODS.add("sendDocument", sends=True)
async def send_document(world: World, params: Params) -> Any:
    """Send a file as a document."""
    return await _send_media(world, params, "document", "documents")


@METHODS.add("sendPhoto", sends=True)
async def send_photo(world: World, params: Params) -> Any:
    """Send a photo."""
    return await _send_media(world, params, "photo", "photos")


def _source(world: World, params: Params, verb: str) -> dict[str, Any]:
    """The message a copy or forward starts from."""
    source_chat = world.find_chat(require(params, "from_chat_id"))
    source = source_chat.stored.get(require(params, "message_id"))
    if source is None:
        raise bad_request(f"message to {verb} not found")
    return source


@METHODS.add("copyMessage", sends=True)
async def copy_message(world: World, params: Params) -> Any:
    """Copy a message without a link to the original; returns only the new message id."""
    chat = world.chat_for_sending(require(params, "chat_id"))
    source = _source(world, params, "copy")
    content = {key: source[key] for key in _COPIED_KEYS if key in source}
    if "caption" in params:
        content.pop("caption", None)
        content.pop("caption_entities", None)
        content.update(caption_content(*caption(params)))
    markup = parse_markup(params.get("reply_markup"))
    raw = deliver(world, chat, params, content, markup=markup)
    return {"message_id": raw["message_id"]}


@METHODS.add("forwardMessage", sends=True)
async def forward_message(world: World, params: Params) -> Any:
    """Forward a message, marking where it came from."""
    chat = world.chat_for_sending(require(params, "chat_id"))
    source = _source(world, params, "forward")
    content = {key: source[key] for key in _COPIED_KEYS if key in source}
    origin = {"type": "user", "sender_user": source["from"], "date": source["date"]}
    content["forward_origin"] = origin
    return deliver(world, chat, params, content, markup=Markup())


@METHODS.add("sendChatAction")
async def send_chat_action(world: World, params: Params) -> Any:
    """Show a 'typing…'-style status; nothing is stored."""
    world.chat_for_sending(require(params, "chat_id"))
    if params.get("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True
