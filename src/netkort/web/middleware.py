"""Request limits that hold for every view, whatever it does with the body."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is larger than NETKORT_MAX_UPLOAD_BYTES.

    Django's own limits cover form fields kept in memory, not files streamed to disk;
    this stops an oversized upload before any of it is read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(status=400)
        limit: int = settings.NETKORT_MAX_UPLOAD_BYTES
        if length > limit:
            message = _("The upload is too large: at most %(mb)d MB.") % {
                "mb": limit // (1024 * 1024)
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
