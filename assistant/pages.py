"""A cited PDF page as a picture: rendered from the original file with the cited lines highlighted, cached on disk.

Kotaemon-style readers expect the page itself beside the answer; the stored text cannot show layout, tables or
signatures. The file is found from the document's own record (never from a request), the quotes are located in
the page's text layer, and each render is cached under the data dir keyed by the file's size and modification
time, so a re-ingested file is rendered again.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

SCALE = 1.5  # pixels per PDF point: an A4 page is about 890 x 1260 pixels, legible at panel width
HIGHLIGHT = (255, 200, 0, 96)  # translucent yellow over the cited lines (RGBA)
MIN_PREFIX = 24  # letters of a quote's start that must match when it runs on to the next page
_PDFIUM = threading.Lock()  # PDFium is not thread-safe; the app answers on several threads


class PageUnavailable(Exception):
    """Why the original page cannot be shown (said to the user beside the text passage)."""


@dataclass(frozen=True)
class PageImage:
    png: bytes
    number: int  # 1-based physical page
    found: int  # how many of the quotes were located and highlighted on it
    focus: float | None  # top of the first highlight as a fraction of the page height, to scroll it into view


def source_file(record: dict) -> Path:
    """The original file a record was ingested from, if it is a PDF that still exists (PageUnavailable if not)."""
    source = Path(record.get("source_path") or "")
    if source.suffix.lower() != ".pdf":
        raise PageUnavailable("the original is not a PDF")
    if not source.is_file():
        raise PageUnavailable("the original file is no longer where it was added from")
    return source


def page_image(record: dict, number: int, quotes: list[str], cache_dir: Path) -> PageImage:
    """Page `number` (1-based) of the record's PDF with each quote found on it highlighted; cached."""
    source = source_file(record)
    pages = record.get("pages") or []
    if not 1 <= number <= max(len(pages), 1):
        raise PageUnavailable(f"the document has no page {number}")
    stat = source.stat()
    key = json.dumps([record["doc_id"], number, stat.st_size, stat.st_mtime_ns, SCALE, sorted(quotes)])
    stem = cache_dir / f"{record['doc_id']}-p{number}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    png, meta = stem.with_suffix(".png"), stem.with_suffix(".json")
    if png.is_file() and meta.is_file():
        facts = json.loads(meta.read_text(encoding="utf-8"))
        return PageImage(png.read_bytes(), number, facts["found"], facts["focus"])
    image = _render(source, number, quotes)
    cache_dir.mkdir(parents=True, exist_ok=True)
    _write(png, image.png)
    _write(meta, json.dumps({"found": image.found, "focus": image.focus}).encode())
    return image


def _write(path: Path, data: bytes) -> None:
    """Atomically, so a reader never sees half a PNG."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".partial")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _render(source: Path, number: int, quotes: list[str]) -> PageImage:
    import pypdfium2 as pdfium  # noqa: PLC0415 — loaded on the first page shown, not at app start
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415 — as above
    from PIL import Image, ImageDraw  # noqa: PLC0415 — as above

    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(str(source))
        except pdfium.PdfiumError as exc:
            raise PageUnavailable(f"the original PDF cannot be opened ({exc})") from None
        try:
            if number > len(pdf):
                raise PageUnavailable(f"the original PDF has no page {number}")
            page = pdf[number - 1]
            bitmap = page.render(scale=SCALE)
            width, height = bitmap.width, bitmap.height
            textpage = page.get_textpage()
            chars = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(textpage.count_chars()))
            boxes, found = [], 0
            for quote in quotes:
                span = locate(chars, quote)
                if span is None:
                    continue
                found += 1
                for k in range(textpage.count_rects(span[0], span[1] - span[0])):
                    left, bottom, right, top = textpage.get_rect(k)
                    boxes.append(_device(page, width, height, left, top) + _device(page, width, height, right, bottom))
            base = bitmap.to_pil().convert("RGBA")
        finally:
            pdf.close()
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle((min(x0, x1) - 2, min(y0, y1) - 2, max(x0, x1) + 2, max(y0, y1) + 2), fill=HIGHLIGHT)
    out = BytesIO()
    Image.alpha_composite(base, layer).convert("RGB").save(out, format="PNG")
    focus = min(min(b[1], b[3]) for b in boxes) / height if boxes else None
    return PageImage(out.getvalue(), number, found, focus)


def _device(page, width: int, height: int, x: float, y: float) -> tuple[int, int]:
    """A point in PDF page space as a pixel of the rendered bitmap (PDFium's own mapping: crop box, rotation)."""
    import pypdfium2.raw as pdfium_c  # noqa: PLC0415 — see _render

    dx, dy = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, width, height, 0, x, y, ctypes.byref(dx), ctypes.byref(dy))
    return dx.value, dy.value


def _keys(text: str) -> tuple[str, list[int]]:
    """Letters and digits only, case- and compatibility-folded, with each one's index in `text`: the PDF's text
    layer and the stored text differ in spacing, line breaks, hyphenation and ligatures, never in the words."""
    keys, where = [], []
    for i, ch in enumerate(text):
        for k in unicodedata.normalize("NFKC", ch).lower():
            if k.isalnum():
                keys.append(k)
                where.append(i)
    return "".join(keys), where


def locate(page_text: str, quote: str) -> tuple[int, int] | None:
    """Where the quote is in the page's text (start, end character indices), or the longest start of it (at least
    MIN_PREFIX letters) when it runs on to the next page; None when it is not on the page."""
    hay, where = _keys(page_text)
    needle, _ = _keys(quote)
    if not needle:
        return None
    at = hay.find(needle)
    if at >= 0:
        return where[at], _closing(page_text, where[at + len(needle) - 1] + 1)
    lo, hi = MIN_PREFIX, len(needle) - 1  # binary search for the longest prefix present
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        at = hay.rfind(needle[:mid])
        if at >= 0:
            best, lo = (at, mid), mid + 1
        else:
            hi = mid - 1
    if best is None:
        return None
    return where[best[0]], _closing(page_text, where[best[0] + best[1] - 1] + 1)


def _closing(text: str, end: int) -> int:
    """The end moved past the sentence's closing punctuation (a full stop, a closing quote or bracket)."""
    while end < len(text) and text[end] in ".,;:!?)]’”'\"":
        end += 1
    return end
