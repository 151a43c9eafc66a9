"""Position encoding negotiation, and exact columns after curly quotes, an em dash and emoji."""

import pytest
from conftest import (
    URL_RULE,
    Doc,
    caps_utf8,
    caps_utf16,
    of_rule,
    offset_of,
    span,
    start,
)
from lsprotocol import types as T
from pytest_lsp import LanguageClient

# One line, a malformed URL after “ ” — 😀 and 👍🏽 (a thumbs-up with a skin-tone modifier: two
# code points, four UTF-16 units, eight bytes).
LINE = "The mayor said “we are done” — 😀 👍🏽 see htps://example.org/a now.\n"
# Bytes before the URL: 15 + 3 + 11 + 3 + 1 + 3 + 1 + 4 + 1 + 8 + 5 = 55; the URL is 20 long.
# UTF-16 units before it: 15 + 1 + 11 + 1 + 1 + 1 + 1 + 2 + 1 + 4 + 5 = 43.

# Two findings on one line, the second after more wide characters.
TWO = "“Two” htps://one.example/x — 😀👍🏽 htps://two.example/y\n"
# UTF-8: “(3) Two(3) ”(3) sp(1) = 10; URL 1 is 20 long → 30; " — " 5 → 35; 😀👍🏽 12 → 47; sp → 48.
# UTF-16: 1+3+1+1 = 6; +20 = 26; " — " 3 → 29; 😀👍🏽 6 → 35; sp → 36.


def caps_offering(*encodings: str) -> T.ClientCapabilities:
    return T.ClientCapabilities(
        general=T.GeneralClientCapabilities(position_encodings=[T.PositionEncodingKind(e) for e in encodings])
    )


@pytest.mark.parametrize(
    "caps, negotiated, columns",
    [
        pytest.param(caps_utf8(), "utf-8", (0, 55, 0, 75), id="utf8-offered"),
        pytest.param(caps_offering("utf-16", "utf-8"), "utf-8", (0, 55, 0, 75), id="utf8-offered-second"),
        pytest.param(caps_utf16(), "utf-16", (0, 43, 0, 63), id="nothing-offered"),
        pytest.param(caps_offering("utf-16"), "utf-16", (0, 43, 0, 63), id="utf16-only"),
        pytest.param(caps_offering("utf-32"), "utf-16", (0, 43, 0, 63), id="utf32-only"),
    ],
)
async def test_negotiated_encoding_sets_the_columns(client: LanguageClient, caps, negotiated, columns):
    result = await start(client, caps)
    assert result.capabilities.position_encoding == negotiated
    assert result.server_info is not None and result.server_info.name == "copydesk"

    doc = Doc(client, "untitled:encoding.md", LINE, negotiated).open()
    diags = of_rule(await doc.diagnostics())
    assert [span(d) for d in diags] == [columns]
    # The client's own reading of the range, in the negotiated encoding, is the URL exactly.
    d = diags[0]
    a = offset_of(doc.text, d.range.start, negotiated)
    b = offset_of(doc.text, d.range.end, negotiated)
    assert doc.text[a:b] == "htps://example.org/a"


@pytest.mark.parametrize(
    "caps, encoding, spans",
    [
        pytest.param(caps_utf8(), "utf-8", [(0, 10, 0, 30), (0, 48, 0, 68)], id="utf-8"),
        pytest.param(caps_utf16(), "utf-16", [(0, 6, 0, 26), (0, 36, 0, 56)], id="utf-16"),
    ],
)
async def test_two_findings_on_a_line_of_wide_characters(client: LanguageClient, caps, encoding, spans):
    await start(client, caps)
    doc = Doc(client, "untitled:two.md", TWO, encoding).open()
    diags = of_rule(await doc.diagnostics())
    assert sorted(span(d) for d in diags) == spans


@pytest.mark.parametrize("caps, encoding, col", [(caps_utf8(), "utf-8", 17), (caps_utf16(), "utf-16", 9)])
async def test_crlf_lines_and_a_second_line(client: LanguageClient, caps, encoding, col):
    await start(client, caps)
    # Before the URL on line 1, “ — 😀 ” and spaces: UTF-8 3+1+3+1+4+1+3+1 = 17, UTF-16 1+1+1+1+2+1+1+1 = 9.
    text = "Intro line.\r\n“ — 😀 ” htps://example.org/c\r\nEnd.\r\n"
    doc = Doc(client, "untitled:crlf.md", text, encoding).open()
    diags = of_rule(await doc.diagnostics())
    assert [d.range.start for d in diags] == [T.Position(line=1, character=col)]
    assert diags[0].code == URL_RULE
