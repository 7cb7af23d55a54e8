"""Bot API error responses with Telegram's status codes and descriptions."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any


class ApiError(Exception):
    """A failed Bot API call, rendered as Telegram's error JSON."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram returns for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(reason: str) -> ApiError:
    """400 'Bad Request: <reason>'."""
    return ApiError(HTTPStatus.BAD_REQUEST, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    """403 'Forbidden: <reason>'."""
    return ApiError(HTTPStatus.FORBIDDEN, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    """429 with retry_after, as flood control answers."""
    return ApiError(
        HTTPStatus.TOO_MANY_REQUESTS,
        f"Too Many Requests: retry after {retry_after}",
        retry_after=retry_after,
    )


def server_error(status: int, description: str | None = None) -> ApiError:
    """A 5xx (or any other) status with its standard phrase unless told otherwise."""
    return ApiError(status, description or HTTPStatus(status).phrase)
