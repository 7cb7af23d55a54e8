"""Uploaded and user-sent files, addressable by file_id and by download path."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from typing import Any

# Photos are not decoded; every photo reports this size.
PHOTO_SIZE = 512


@dataclass(frozen=True)
class StoredFile:
    """One file's bytes and the identifiers Telegram would give it."""

    file_id: str
    file_unique_id: str
    file_path: str
    filename: str
    content: bytes
    mime_type: str

    def file_json(self) -> dict[str, Any]:
        """The File object getFile returns."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }

    def document_json(self) -> dict[str, Any]:
        """The Document object inside a message."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.filename,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }

    def photo_json(self) -> list[dict[str, Any]]:
        """The PhotoSize list inside a message (a single size)."""
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_size": len(self.content),
                "width": PHOTO_SIZE,
                "height": PHOTO_SIZE,
            }
        ]


class FileStore:
    """All files the emulator knows, by file_id and by file_path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._seq = itertools.count(1)

    def add(self, content: bytes, *, filename: str, mime_type: str, kind: str) -> StoredFile:
        """Store bytes as a new file; kind is 'documents' or 'photos' (the path folder)."""
        seq = next(self._seq)
        digest = hashlib.sha256(content).hexdigest()
        suffix = filename.rpartition(".")[2] if "." in filename else "bin"
        stored = StoredFile(
            file_id=f"BQACAgIAAx{seq:06d}{digest[:24]}",
            file_unique_id=f"AgAD{digest[:12]}",
            file_path=f"{kind}/file_{seq}.{suffix}",
            filename=filename,
            content=content,
            mime_type=mime_type,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        """Look a file up by file_id."""
        return self._by_id.get(file_id)

    def at_path(self, file_path: str) -> StoredFile | None:
        """Look a file up by its download path."""
        return self._by_path.get(file_path)
