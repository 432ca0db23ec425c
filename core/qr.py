"""QR codes as SVG (segno): inline in pages as data URIs, and in PDFs."""

import base64
import io

import segno


def qr_svg(text: str, *, scale: int = 5) -> bytes:
    """The QR code of `text` as an SVG document (medium error correction)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=scale, border=2, xmldecl=False)
    return buffer.getvalue()


def qr_data_uri(text: str, *, scale: int = 5) -> str:
    """The QR code of `text` as a data: URI for an <img> (the CSP allows data: images)."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text, scale=scale)).decode()
