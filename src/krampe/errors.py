"""Errors that carry a machine code and a Danish message for people."""

from __future__ import annotations


class KrampeError(Exception):
    """A user-facing error: `code` is stable, `message` is Danish and one line."""

    code = "error"
    status = 400

    def __init__(self, message: str, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status

    def to_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


class InputError(KrampeError):
    code = "invalid_input"
    status = 422


class KnowledgeBaseError(KrampeError):
    code = "knowledge_base"
    status = 400
