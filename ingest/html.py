"""Saved minutes web pages: main content only (navigation, banners, scripts dropped), headings, lists and tables kept."""

# Own extractor on the standard library's HTMLParser: one small pass is enough and adds no dependency.

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .txt import decode
from .types import IngestError, Page

SKIP_TAGS = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "svg",
    "button",
    "iframe",
    "template",
    "select",
    "head",
}
SKIP_MARKERS = re.compile(
    r"cookie|consent|banner|breadcrumb|skip|menu|navbar|sidebar|site-header|site-footer|share", re.I
)
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "table",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "blockquote",
    "br",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "pre",
    "hr",
}
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Extractor(HTMLParser):
    def __init__(self, main_only: bool):
        super().__init__(convert_charrefs=True)
        self.main_only = main_only
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipping from here, is the main element)
        self.in_main = 0
        self.lines: list[str] = [""]
        self.cell = False

    @property
    def skipping(self) -> bool:
        return any(skip for _, skip, _ in self.stack) or (self.main_only and not self.in_main)

    def _newline(self, prefix: str = "") -> None:
        if self.lines[-1].strip():
            self.lines.append(prefix)
        else:
            self.lines[-1] = prefix

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        marker = " ".join(filter(None, [attrs.get("id"), attrs.get("class"), attrs.get("role")]))
        skip = tag in SKIP_TAGS or bool(SKIP_MARKERS.search(marker)) or attrs.get("aria-hidden") == "true"
        is_main = tag == "main" or attrs.get("role") == "main"
        if tag not in VOID_TAGS:
            self.stack.append((tag, skip and not is_main, is_main))
        if is_main:
            self.in_main += 1
        if self.skipping:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._newline("#" * int(tag[1]) + " ")
        elif tag == "li":
            self._newline("- ")
        elif tag in ("td", "th"):
            if self.cell:
                self.lines[-1] += "\t"
            self.cell = True
        elif tag in BLOCK_TAGS:
            self._newline()
            self.cell = False

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if not any(open_tag == tag for open_tag, _, _ in self.stack):
            return  # a stray end tag: ignore it rather than unwind the whole stack
        while self.stack:
            open_tag, _, was_main = self.stack.pop()
            self.in_main -= was_main
            if open_tag == tag:
                break
        if tag in BLOCK_TAGS and not self.skipping:
            self._newline()
            self.cell = False

    def handle_data(self, data):
        if self.skipping:
            return
        text = " ".join(data.split())
        if text:
            line = self.lines[-1]
            self.lines[-1] = f"{line} {text}" if line and not line.endswith((" ", "\t")) else line + text


def html_to_text(markup: str) -> str:
    main_only = re.search(r"<main\b|role=[\"']main[\"']", markup, re.I) is not None
    parser = _Extractor(main_only)
    parser.feed(markup)
    parser.close()
    lines = [text.strip() for text in parser.lines]
    out: list[str] = []
    for line in lines:
        if line in ("-", "#"):
            continue
        if line.startswith("#") and out and out[-1]:
            out.append("")
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def read_html(path: Path) -> tuple[str, list[Page]]:
    raw = path.read_bytes()
    if not raw.strip():
        raise IngestError(path, "empty file")
    text = html_to_text(decode(raw))
    if not text:
        raise IngestError(path, "no readable content in the page (only navigation, scripts or markup)")
    return text, [Page(1, "1", 0, len(text))]
