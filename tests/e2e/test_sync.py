"""Document sync: open, incremental changes (inside curly quotes and emoji), close."""

import asyncio

import pytest
from conftest import (
    URL_RULE,
    Doc,
    caps_utf8,
    caps_utf16,
    of_rule,
    position_of,
    published,
    rng,
    span,
    start,
    wait_until,
)
from lsprotocol import types as T
from pytest_lsp import LanguageClient

DRAFT = "“Not now,” the clerk said — 😀👍🏽 read htps://example.org/agenda first.\n"
# Before the URL: “(1/3) Not now,(8) ”(1/3) " the clerk said " (16) —(1/3) sp 😀(2/4) 👍🏽(4/8) " read " (6)
# UTF-16: 1+8+1+16+1+1+2+4+6 = 40; UTF-8: 3+8+3+16+3+1+4+8+6 = 52. The URL is 25 long.

ENCODINGS = [
    pytest.param(caps_utf16(), "utf-16", 40, id="utf-16"),
    pytest.param(caps_utf8(), "utf-8", 52, id="utf-8"),
]


def at(doc: Doc, needle: str, after: str = "") -> T.Position:
    """Position (in the doc's encoding) just before ``needle``'s first occurrence after ``after``."""
    i = doc.text.index(needle, doc.text.index(after) + len(after) if after else 0)
    return position_of(doc.text, i, doc.encoding)


def insert(doc: Doc, pos: T.Position, text: str):
    doc.change([T.TextEdit(range=T.Range(start=pos, end=pos), new_text=text)])


@pytest.mark.parametrize("caps, encoding, col", ENCODINGS)
async def test_incremental_edits_inside_quotes_and_emoji_move_the_finding(
    client: LanguageClient, caps, encoding, col
):
    await start(client, caps)
    doc = Doc(client, "untitled:sync.md", DRAFT, encoding).open()
    assert [span(d) for d in of_rule(await doc.diagnostics())] == [(0, col, 0, col + 25)]

    # Inside the opening quotation, right after “ (column 1 in UTF-16, 3 in UTF-8).
    first = T.Position(line=0, character=1 if encoding == "utf-16" else 3)
    insert(doc, first, "Well, ")
    assert doc.text.startswith("“Well, Not now,”")
    assert [span(d) for d in of_rule(await doc.diagnostics())] == [(0, col + 6, 0, col + 31)]

    # Between 👍 and its skin-tone modifier 🏽 (a valid position: both are whole code points).
    pos = at(doc, "🏽")
    # ... which is " read " (6) and 🏽 (2 units / 4 bytes) before the URL.
    assert pos.character == col + 6 - 6 - (2 if encoding == "utf-16" else 4)
    insert(doc, pos, "😀")
    assert "👍😀🏽" in doc.text
    wide = 2 if encoding == "utf-16" else 4
    assert [span(d) for d in of_rule(await doc.diagnostics())] == [(0, col + 6 + wide, 0, col + 31 + wide)]

    # Replace the em dash (one UTF-16 unit, three bytes) by a plain hyphen.
    dash = at(doc, "—")
    width = 1 if encoding == "utf-16" else 3
    doc.change([T.TextEdit(range=rng(0, dash.character, 0, dash.character + width), new_text="-")])
    shift = 6 + wide - width + 1
    assert [span(d) for d in of_rule(await doc.diagnostics())] == [(0, col + shift, 0, col + 25 + shift)]

    # Mend the scheme by typing: the finding goes.
    h = at(doc, "htps")
    doc.change([T.TextEdit(range=rng(0, h.character + 1, 0, h.character + 1), new_text="t")])
    assert "https://example.org/agenda" in doc.text
    assert of_rule(await doc.diagnostics()) == []


@pytest.mark.parametrize("caps, encoding, col", ENCODINGS)
async def test_several_changes_in_one_notification_apply_in_order(client: LanguageClient, caps, encoding, col):
    await start(client, caps)
    doc = Doc(client, "untitled:multi.md", DRAFT, encoding).open()
    await doc.diagnostics()
    wide = 2 if encoding == "utf-16" else 4
    # 1. Put an emoji right after “. 2. Then, in the text as changed by 1, a line break before
    # "read", which moves the URL to line 1.
    after_quote = T.Position(line=0, character=1 if encoding == "utf-16" else 3)
    e1 = T.TextEdit(range=T.Range(start=after_quote, end=after_quote), new_text="😀")
    doc.change([e1])  # this document gets e1 and e2 as two notifications, `other` below as one
    text_after_e1 = doc.text
    p = position_of(text_after_e1, text_after_e1.index("read"), encoding)
    assert p.character == col - 5 + wide
    e2 = T.TextEdit(range=T.Range(start=p, end=p), new_text="\n")
    doc.change([e2])
    # Also send both as one notification to a second document, starting from the same text.
    other = Doc(client, "untitled:multi-two.md", DRAFT, encoding).open()
    await other.diagnostics()
    other.change([e1, e2])
    assert other.text == doc.text
    assert [span(d) for d in of_rule(await doc.diagnostics())] == [(1, 5, 1, 30)]
    assert [span(d) for d in of_rule(await other.diagnostics())] == [(1, 5, 1, 30)]


async def test_whole_document_change(client: LanguageClient):
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:whole.md", DRAFT, "utf-16").open()
    await doc.diagnostics()
    doc.version += 1
    doc.text = "Fine now: https://example.org/agenda.\n😀 htps://example.org/b\n"
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text=doc.text)],
        )
    )
    assert [span(d) for d in of_rule(await doc.diagnostics())] == [(1, 3, 1, 23)]


async def test_close_clears_the_diagnostics_and_reopen_brings_them_back(client: LanguageClient):
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:close.md", DRAFT, "utf-16").open()
    assert len(of_rule(await doc.diagnostics())) == 1
    mark = len(client.published)
    doc.close()
    cleared = await published(client, doc.uri, since=mark)
    assert list(cleared.diagnostics) == []
    assert list(client.diagnostics[doc.uri]) == []

    # Reopened (a new version 1): the finding is back.
    mark = len(client.published)
    doc.open()
    assert [span(d) for d in of_rule(await doc.diagnostics(since=mark))] == [(0, 40, 0, 65)]


async def test_out_of_range_edit_is_clamped_and_logged(client: LanguageClient):
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:clamp.md", "ab\n", "utf-16").open()
    assert await doc.diagnostics() == []
    # Start past the end of line 0, end past the last line: clamped to the line end and the text
    # end (the client's model below does the same).
    doc.change([T.TextEdit(range=rng(0, 99, 40, 3), new_text=" htps://example.org/x")])
    assert doc.text == "ab htps://example.org/x"
    assert [span(d) for d in of_rule(await doc.diagnostics())] == [(0, 3, 0, 23)]
    logs = await wait_until(
        lambda: [m for m in client.log_messages if "out of range" in m.message], "the clamp to be logged"
    )
    assert logs[0].type == T.MessageType.Warning
    assert doc.uri in logs[0].message


async def test_change_to_a_document_never_opened_is_logged_and_harmless(client: LanguageClient):
    await start(client, caps_utf16())
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri="untitled:ghost.md", version=2),
            content_changes=[T.TextDocumentContentChangeWholeDocument(text="htps://example.org/g")],
        )
    )
    await wait_until(
        lambda: any("not open" in m.message and "untitled:ghost.md" in m.message for m in client.log_messages),
        "a log line about the unopened document",
    )
    assert "untitled:ghost.md" not in client.diagnostics
    doc = Doc(client, "untitled:alive.md", DRAFT, "utf-16").open()
    assert len(of_rule(await doc.diagnostics())) == 1


async def test_malformed_frames_are_dropped_and_the_server_keeps_serving(client: LanguageClient, capfd):
    await start(client, caps_utf16())
    stdin = client._server.stdin
    # Not JSON; JSON that is not JSON-RPC; a header block with no Content-Length.
    for body in (b"{this is not json", b"{}"):
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stdin.write(b"Content-Type: nonsense\r\n\r\n")
    await stdin.drain()
    doc = Doc(client, "untitled:after-garbage.md", DRAFT, "utf-16").open()
    diags = of_rule(await doc.diagnostics())
    assert [d.code for d in diags] == [URL_RULE]
    actions = await doc.code_actions(diags[0].range, diags)
    assert len(actions) == 2

    def dropped():
        err = capfd.readouterr().err
        dropped.seen += err
        return dropped.seen.count("copydesk lsp: dropped a message") >= 3

    dropped.seen = ""
    await wait_until(dropped, "three 'dropped a message' lines on stderr")
    assert dropped.seen.count("not a JSON-RPC request") == 2
    assert dropped.seen.count("missing, malformed or oversized Content-Length") == 1


async def test_many_quick_edits_end_on_the_last_version(client: LanguageClient):
    """Typing fast: only the last version's findings matter, and they must be right."""
    await start(client, caps_utf8())
    doc = Doc(client, "untitled:typing.md", "“Typed” 😀 \n", "utf-8").open()
    await doc.diagnostics()
    for ch in "htps://example.org/typed":
        end = T.Position(line=0, character=len(doc.text.split("\n")[0].encode()))
        doc.change([T.TextEdit(range=T.Range(start=end, end=end), new_text=ch)])
    diags = of_rule(await doc.diagnostics())
    # “(3) Typed(5) ”(3) sp 😀(4) sp = 17 bytes before the URL.
    assert [span(d) for d in diags] == [(0, 17, 0, 17 + 24)]
    await asyncio.sleep(0.2)
    # Nothing was published for an older version after the last one.
    versions = [p.version for p in client.published if p.uri == doc.uri]
    assert versions[-1] == doc.version
