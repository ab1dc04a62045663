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

    def __reduce__(self):
        # Code and status survive pickling (an engine process hands errors back).
        return _rebuild, (type(self), self.message, self.code, self.status)


def _rebuild(cls: type[KrampeError], message: str, code: str, status: int) -> KrampeError:
    err = cls.__new__(cls)
    KrampeError.__init__(err, message, code, status)
    return err


class InputError(KrampeError):
    code = "invalid_input"
    status = 422


class KnowledgeBaseError(KrampeError):
    code = "knowledge_base"
    status = 400


class Overloaded(KrampeError):
    """All workers of a pool are busy and its queue is full: try again shortly (503)."""

    code = "overloaded"
    status = 503

    def __init__(self, message: str, retry_after: int = 2):
        super().__init__(message)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}

    def __reduce__(self):
        return Overloaded, (self.message, self.retry_after)
