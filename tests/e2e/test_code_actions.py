"""Code actions: quick fixes and "Disable RULE for this line", applied by the client."""

import pytest
from conftest import (
    URL_RULE,
    Doc,
    caps_utf8,
    caps_utf16,
    of_rule,
    rng,
    span,
    start,
)
from lsprotocol import types as T
from pytest_lsp import LanguageClient

TYPO = "The mayor said “we are done” — 😀 👍🏽 see htps://example.org/a now.\n"
SPLIT = "Council notes:\nhttps://example.org/council/minutes-of-the-\nspecial-session\n"
DISABLE = "Disable url/malformed for this line"
COMMENT = "<!-- copydesk-disable-next-line url/malformed -- reason -->"


def titles(actions):
    return [a.title for a in actions]


def suppress_findings(diags):
    return [d for d in diags if isinstance(d.code, str) and d.code.startswith("suppress/")]


@pytest.mark.parametrize(
    "caps, encoding, url_span, fix_span",
    [
        pytest.param(caps_utf8(), "utf-8", (0, 55, 0, 75), (0, 55, 0, 59), id="utf-8"),
        pytest.param(caps_utf16(), "utf-16", (0, 43, 0, 63), (0, 43, 0, 47), id="utf-16"),
    ],
)
async def test_scheme_fix_applied_by_the_client_removes_the_finding(
    client: LanguageClient, caps, encoding, url_span, fix_span
):
    await start(client, caps)
    doc = Doc(client, "untitled:fix.md", TYPO, encoding).open()
    diags = of_rule(await doc.diagnostics())
    assert [span(d) for d in diags] == [url_span]

    actions = await doc.code_actions(diags[0].range, diags)
    assert titles(actions) == ["Change to https://", DISABLE]
    assert [a.kind for a in actions] == [T.CodeActionKind.QuickFix] * 2
    assert [a.is_preferred for a in actions] == [True, False]
    for a in actions:
        assert a.diagnostics is not None and [span(d) for d in a.diagnostics] == [url_span]
        assert a.diagnostics[0].code == URL_RULE
    fix = actions[0].edit
    assert fix is not None and fix.changes is not None
    edits = fix.changes[doc.uri]
    assert [(span(e), e.new_text) for e in edits] == [(fix_span, "https")]

    doc.apply_workspace_edit(fix)
    assert doc.text == TYPO.replace("htps://", "https://")
    after = await doc.diagnostics()
    assert of_rule(after) == []
    assert suppress_findings(after) == []


async def test_rejoin_fix_for_a_url_split_by_a_line_break(client: LanguageClient):
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:rejoin.md", SPLIT, "utf-16").open()
    diags = of_rule(await doc.diagnostics())
    assert [span(d) for d in diags] == [(1, 0, 2, 15)]
    # A cursor inside the finding (no selection) is enough to get the actions.
    cursor = rng(2, 3, 2, 3)
    actions = await doc.code_actions(cursor, diags)
    assert titles(actions) == ["Rejoin the URL", DISABLE]
    assert actions[0].is_preferred is True
    edits = actions[0].edit.changes[doc.uri]
    assert [(span(e), e.new_text) for e in edits] == [((1, 43, 2, 0), "")]

    doc.apply_workspace_edit(actions[0].edit)
    assert doc.text == "Council notes:\nhttps://example.org/council/minutes-of-the-special-session\n"
    after = await doc.diagnostics()
    assert of_rule(after) == []
    assert suppress_findings(after) == []


async def test_no_actions_away_from_any_finding(client: LanguageClient):
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:away.md", "First line, fine.\n\n" + TYPO, "utf-16").open()
    diags = of_rule(await doc.diagnostics())
    assert [span(d) for d in diags] == [(2, 43, 2, 63)]
    assert list(await doc.code_actions(rng(0, 0, 0, 5))) == []
    # Touching the finding's end counts.
    assert titles(await doc.code_actions(rng(2, 63, 2, 63))) == ["Change to https://", DISABLE]


@pytest.mark.parametrize(
    "before, expected_edit",
    [
        # The finding is on the first line: the comment goes on a line of its own above it.
        pytest.param("", ((0, 0, 0, 0), COMMENT + "\n"), id="first-line"),
        # A blank line above: the comment goes on a line of its own, just above the finding.
        pytest.param("Lede paragraph.\n\n", ((2, 0, 2, 0), COMMENT + "\n"), id="after-blank-line"),
    ],
)
@pytest.mark.parametrize("caps, encoding", [(caps_utf8(), "utf-8"), (caps_utf16(), "utf-16")], ids=["utf-8", "utf-16"])
async def test_disable_for_this_line_suppresses_the_finding(
    client: LanguageClient, caps, encoding, before, expected_edit
):
    await start(client, caps)
    doc = Doc(client, "untitled:disable.md", before + TYPO, encoding).open()
    diags = of_rule(await doc.diagnostics())
    assert len(diags) == 1
    actions = await doc.code_actions(diags[0].range, diags)
    assert titles(actions) == ["Change to https://", DISABLE]
    disable = actions[1]
    assert disable.kind == T.CodeActionKind.QuickFix
    assert disable.is_preferred is False
    assert [(span(e), e.new_text) for e in disable.edit.changes[doc.uri]] == [expected_edit]

    doc.apply_workspace_edit(disable.edit)
    assert doc.text == before + COMMENT + "\n" + TYPO
    after = await doc.diagnostics()
    assert of_rule(after) == [], "the finding is suppressed"
    assert suppress_findings(after) == [], "and the suppression is used and valid"


async def test_disable_for_a_finding_under_a_text_line(client: LanguageClient):
    """The line above the finding has text: the comment is appended to that line."""
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:disable-split.md", SPLIT, "utf-16").open()
    diags = of_rule(await doc.diagnostics())
    actions = await doc.code_actions(diags[0].range, diags)
    assert titles(actions) == ["Rejoin the URL", DISABLE]
    assert [(span(e), e.new_text) for e in actions[1].edit.changes[doc.uri]] == [((0, 14, 0, 14), " " + COMMENT)]
    doc.apply_workspace_edit(actions[1].edit)
    assert doc.text == "Council notes: " + COMMENT + "\n" + SPLIT.split("\n", 1)[1]
    after = await doc.diagnostics()
    assert of_rule(after) == []
    assert suppress_findings(after) == []


async def test_stale_suppression_is_reported_once_the_url_is_fixed(client: LanguageClient):
    """The other half of "no suppress/unused": the check exists, and fires when it should."""
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:stale.md", COMMENT + "\n" + TYPO, "utf-16").open()
    assert of_rule(await doc.diagnostics()) == []
    doc.replace("htps://", "https://")
    after = await doc.diagnostics()
    unused = of_rule(after, "suppress/unused")
    assert [span(d) for d in unused] == [(0, 0, 0, len(COMMENT))]


async def test_disable_keeps_crlf_line_ends(client: LanguageClient):
    await start(client, caps_utf16())
    text = "Lede paragraph.\r\n\r\n" + TYPO.replace("\n", "\r\n")
    doc = Doc(client, "untitled:disable-crlf.md", text, "utf-16").open()
    diags = of_rule(await doc.diagnostics())
    assert [span(d) for d in diags] == [(2, 43, 2, 63)]
    actions = await doc.code_actions(diags[0].range, diags)
    assert [(span(e), e.new_text) for e in actions[1].edit.changes[doc.uri]] == [((2, 0, 2, 0), COMMENT + "\r\n")]
    doc.apply_workspace_edit(actions[1].edit)
    after = await doc.diagnostics()
    assert of_rule(after) == []
    assert suppress_findings(after) == []
