"""`report NAME --html FILE` (DESIGN §4.1): one self-contained page — tables, charts inline as SVG,
notes, sources as links — with every text from the file escaped, that a browser shows without
fetching anything. The browser test runs Debian's `chromium` headless (`.ci/run` installs it):
a screenshot that is not blank, and no request made or blocked by the page."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dealcalc.scenario import load_scenario, shipped_names

from conftest import MINIMAL, run

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("DEALCALC_REQUIRE_CHROMIUM"),
    reason="Debian's chromium is not installed (.ci/run installs it)",
)


def newest(country: str) -> str:
    """The shipped file of a country with the latest as-of date (files are added over time)."""
    names = [n for n in shipped_names() if n.startswith(f"{country}-")]
    return max(names, key=lambda n: (load_scenario(n).as_of, n))


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def _page(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "r.html"
    result = run("report", *args, "--html", str(out), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def japan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of the newest Japan file, written once for the tests of this module."""
    out = tmp_path_factory.mktemp("report") / "japan.html"
    result = run("report", newest("japan"), "--html", str(out), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    return out


def test_the_page_holds_tables_charts_notes_and_linked_sources(japan: Path) -> None:
    s = load_scenario(newest("japan"))
    page = japan.read_text(encoding="utf-8")
    tags = _tags(page)
    names = [t for t, _ in tags]
    # the tables of the report (burden, outflow, tariff, …) and three charts: the outflow plan, the
    # duty under each regime and, the file dating its regimes, the timeline
    assert names.count("table") >= 4
    assert names.count("figure") == 3 and names.count("svg") == 3
    assert f"<h1>{s.title}</h1>" in page.replace("–", "–")
    assert "<h2>Burden of the pledge</h2>" in page
    # every source of the file, as a link to its address
    links = {a.get("href") for t, a in tags if t == "a"}
    assert {src.url for src in s.sources.values() if src.url} <= links
    assert page.count('<li id="source-') == len(s.sources)
    # a caveat of the file, in the notes
    assert s.caveats and s.caveats[0].replace("&", "&amp;") in page
    # the SVG ids of one chart never repeat in another
    ids = [a["id"] for t, a in tags if a.get("id") and t not in ("li",)]
    assert len(ids) == len(set(ids))


def test_nothing_on_the_page_is_fetched(japan: Path) -> None:
    page = japan.read_text(encoding="utf-8")
    tags = _tags(page)
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & {t for t, _ in tags}
    for tag, attrs in tags:
        assert "src" not in attrs, tag
        href = attrs.get("href") or attrs.get("xlink:href") or ""
        assert tag == "a" or href.startswith("#") or not href, (tag, href)
    assert "@import" not in page and "url(http" not in page and "@font-face" not in page
    csp = next(a["content"] for t, a in tags if a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and csp.startswith("default-src 'none';")
    # each chart is well-formed SVG on its own
    for svg in page.split("<svg ")[1:]:
        ET.fromstring("<svg " + svg.split("</svg>")[0] + "</svg>")


HOSTILE = """
title: "<script>alert(1)</script> \\e[31mred"
description: "A \\"quoted\\" & <b>bold</b> \\u202Edesrever"
sources:
  evil: {title: "Evil <img src=x onerror=alert(1)> source", url: "javascript:alert(1)"}
"""


def test_text_from_the_file_is_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    minimal = MINIMAL.read_text(encoding="utf-8")
    hostile.write_text(minimal.replace("title: Minimal test deal\n", HOSTILE), encoding="utf-8")
    page = _page(tmp_path, str(hostile))
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>" not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; \\x1b[31mred</title>" in page
    assert "A &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "\x1b" not in page and "\u202e" not in page and "\\u202edesrever" in page
    # an address that is not http(s) is shown, never linked
    assert 'href="javascript' not in page
    assert "[evil] Evil &lt;img src=x onerror=alert(1)&gt; source. javascript:alert(1)" in page


def test_html_needs_force_to_replace_a_file(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("mine", encoding="utf-8")
    result = run("report", str(MINIMAL), "--html", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"--html {out}: file exists; pass --force to replace it\n",
    )
    assert out.read_text(encoding="utf-8") == "mine"


# --- in a browser ---------------------------------------------------------------------------------
class Browsed:
    def __init__(self, png: bytes, requests: list[str], console: list[str]) -> None:
        self.png, self.requests, self.console = png, requests, console


def browse(page: Path, tmp_path: Path) -> Browsed:
    """Open `page` in headless Chromium: its screenshot, the addresses the page asked the network
    for (from Chromium's NetLog: requests whose initiator is the page — the browser's own
    update and account checks are not), and its console messages (a load the page's
    Content-Security-Policy blocked is one)."""
    assert CHROMIUM is not None, "install Debian's chromium (apt-get install chromium)"
    shot, netlog = tmp_path / "shot.png", tmp_path / "net.json"
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--log-level=0",
            f"--log-net-log={netlog}",
            "--window-size=1100,1400",
            f"--screenshot={shot}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    log = json.loads(netlog.read_text(encoding="utf-8"))
    kinds = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    requests = [
        str(e["params"]["url"])
        for e in log["events"]
        if kinds.get(e["type"]) == "URL_REQUEST_START_JOB"
        and "url" in e.get("params", {})
        and (
            e["params"].get("initiator") in ("null", "file://")
            or str(e["params"].get("network_isolation_key", "")).startswith("file://")
        )
    ]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return Browsed(shot.read_bytes(), requests, console)


def _spread(png: bytes) -> tuple[float, float]:
    """The variance of the screenshot's grey levels, and the share of its pixels that are not white."""
    from PIL import Image, ImageStat

    grey = Image.open(io.BytesIO(png)).convert("L")
    inked = sum(grey.histogram()[:250]) / (grey.width * grey.height)
    return ImageStat.Stat(grey).var[0], inked


@needs_chromium
def test_the_newest_japan_report_renders_in_chromium(japan: Path, tmp_path: Path) -> None:
    seen = browse(japan, tmp_path)
    variance, inked = _spread(seen.png)
    assert variance > 200 and inked > 0.03, (variance, inked)  # text and tables, not a blank page
    assert seen.requests == [] and seen.console == []


@needs_chromium
def test_the_browser_check_sees_a_request_and_a_blocked_one(tmp_path: Path) -> None:
    """The check above would catch a page that fetches something, and one whose fetch its policy
    blocks (in a frame with the report's policy)."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><p>x</p><img src="https://example.invalid/a.png">'
        "<iframe srcdoc=\"<meta http-equiv='Content-Security-Policy' content=&quot;default-src "
        "'none'&quot;><img src='https://example.invalid/b.png'>\"></iframe>",
        encoding="utf-8",
    )
    seen = browse(page, tmp_path)
    assert seen.requests == ["https://example.invalid/a.png"]
    assert len(seen.console) == 1 and "https://example.invalid/b.png" in seen.console[0]
    assert _spread(b"".join([_blank_png()]))[0] == 0.0


def _blank_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(buf, format="PNG")
    return buf.getvalue()
