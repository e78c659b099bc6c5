"""`report NAME --html FILE` (DESIGN §4.1): one self-contained HTML page — the report's tables,
its charts inline as SVG, the notes, and the sources as links — that opens in a browser as it is.

Nothing on the page is fetched: no script, stylesheet, font or image from anywhere (the style is
inline and names only fonts a machine has; the charts are SVG drawn as paths), and the page's
Content-Security-Policy forbids every fetch, so even a link that slipped into the markup would not
load. Every text from a file is escaped: control and bidi characters made visible, then `& < > " '`
as HTML entities; a source's address becomes a link only when it is http(s)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from dealcalc.blocks import Block, Chart, View
from dealcalc.render import chart_lines, escape_controls, grid

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #222; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d9d9d9; padding-bottom: .2rem; }
.lede { color: #444; }
table { border-collapse: collapse; margin: .4rem 0; font-variant-numeric: tabular-nums; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid #eee; vertical-align: top; }
th { text-align: left; border-bottom: 1px solid #999; font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; }
ul.notes { color: #555; font-size: .88rem; padding-left: 1.1rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
pre { font-size: .85rem; overflow-x: auto; }
ol.sources { font-size: .9rem; }
ol.sources a { word-break: break-all; }
footer { margin-top: 2.5rem; color: #777; font-size: .85rem; }
"""


class SourceRef(NamedTuple):
    """A source as the page lists it: its id in the file, the citation, and its address."""

    key: str
    text: str
    url: str | None


def text(value: object) -> str:
    """Text from a file, safe in HTML content and in attribute values."""
    out = escape_controls(str(value))
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;")):
        out = out.replace(char, entity)
    return out


def link(url: str | None) -> str:
    """An address as a link when it is http(s) (never `javascript:` or `data:`), else as text."""
    if not url:
        return ""
    if re.match(r"https?://", url, flags=re.IGNORECASE) and not re.search(r"[\s\x00-\x1f\x7f-\x9f]", url):
        return f'<a href="{text(url)}" rel="noopener noreferrer">{text(url)}</a>'
    return text(url)


def inline_svg(svg: str, prefix: str) -> str:
    """A chart's SVG file as an element of the page: no XML declaration, and its ids (clip paths,
    glyphs) prefixed so that two charts on one page never share one."""
    svg = escape_controls(svg[svg.index("<svg") :])  # a control character from a file, made visible
    svg = re.sub(r'\bid="', f'id="{prefix}', svg)
    svg = re.sub(r'href="#', f'href="#{prefix}', svg)
    return re.sub(r"url\(#", f"url(#{prefix}", svg)


def _table(block: Block) -> str:
    headers, body, is_text, _ = grid(block)
    align = ["" if t else ' class="n"' for t in is_text]

    def cells(tag: str, row: Sequence[str]) -> str:
        # a header's line breaks stay line breaks
        return "".join(
            f"<{tag}{a}>{'<br>'.join(text(ln) for ln in c.split(chr(10)))}</{tag}>"
            for a, c in zip(align, row, strict=True)
        )

    rows = "".join(f"<tr>{cells('td', row)}</tr>" for row in body)
    return f"<table><thead><tr>{cells('th', headers)}</tr></thead><tbody>{rows}</tbody></table>"


def _notes(notes: Sequence[str]) -> str:
    shown = [n for n in notes if not n.startswith(("Sources", "  ["))]  # the page lists them, as links
    return f'<ul class="notes">{"".join(f"<li>{text(n)}</li>" for n in shown)}</ul>' if shown else ""


def page(
    title: str,
    lede: str,
    views: Sequence[View],
    pictures: Mapping[str, Sequence[str]],
    sources: Sequence[SourceRef],
    footer: str,
) -> str:
    """The whole page: a section per table; a text chart is replaced by the SVG pictures drawn for
    it (`pictures`, by the text chart's title), or kept as text when there is none."""
    parts = [f"<h1>{text(title)}</h1>"]
    if lede:
        parts.append(f'<p class="lede">{text(lede)}</p>')
    count = 0
    for view in views:
        if isinstance(view, Chart):
            drawn = pictures.get(view.title, ())
            for svg in drawn:
                count += 1
                parts.append(f'<figure role="img">{inline_svg(svg, f"c{count}-")}</figure>')
            if not drawn:
                bars = "\n".join("".join(t for t, _ in line).rstrip() for line in chart_lines(view, 80))
                parts.append(f"<h2>{text(view.title)}</h2><pre>{text(bars)}</pre>{_notes(view.notes)}")
            continue
        parts.append(f"<section><h2>{text(view.title)}</h2>{_table(view)}{_notes(view.notes)}</section>")
    if sources:
        items = "".join(
            f'<li id="source-{text(s.key)}">[{text(s.key)}] {text(s.text)}'
            f"{'. ' if s.url else ''}{link(s.url)}</li>"
            for s in sources
        )
        parts.append(f'<section><h2>Sources</h2><ol class="sources">{items}</ol></section>')
    parts.append(f"<footer>{text(footer)}</footer>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(parts) + "\n</main>\n</body>\n</html>\n"
    )
