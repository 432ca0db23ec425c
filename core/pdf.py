"""PDF documents rendered from templates with WeasyPrint (certificates, agendas, sign-in sheets).

Templates use system fonts (DejaVu) and embed images as data: URIs; nothing is fetched from the
network while rendering, so user-supplied text cannot make the server request a URL.
"""

import threading
from contextlib import nullcontext
from typing import Any

import weasyprint
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# Only embedded (data:) and local (file:) resources; a remote URL is refused, not fetched.
_LOCAL_ONLY = URLFetcher(allowed_protocols={"data", "file"})

# Fonts loaded once per thread and kept: a fresh configuration per document loads and shapes the
# system fonts again, which doubles the time of a one-page PDF. Pango's font map is not
# thread-safe, hence one per thread.
_fonts = threading.local()


def _font_config() -> FontConfiguration:
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


def render_pdf(template: str, context: dict[str, Any], language: str | None = None) -> bytes:
    """The PDF of a template rendered with `context`, its {% translate %} labels in `language`
    (the current language when None)."""
    with translation.override(language) if language else nullcontext():
        html = render_to_string(template, context)
    document = weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=_LOCAL_ONLY
    )
    return document.write_pdf(font_config=_font_config())


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """An HTTP response showing the PDF in the browser, saved under `filename` if downloaded."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
