"""The fields of a pushed diagnostic."""

import pytest
from conftest import URL_RULE, Doc, caps_utf8, caps_utf16, of_rule, published, span, start
from lsprotocol import types as T
from pytest_lsp import LanguageClient

TYPO = "Budget papers — “final” 😀 at htps://example.org/budget today.\n"
SPLIT = "Council notes:\nhttps://example.org/council/minutes-of-the-\nspecial-session\n"


async def test_scheme_typo_diagnostic_fields(client: LanguageClient):
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:fields.md", TYPO, "utf-16").open()
    p = await published(client, doc.uri, version=1)
    assert p.version == 1
    diags = of_rule(p.diagnostics)
    assert len(diags) == 1
    d = diags[0]
    # "Budget papers — “final” 😀 at ": 14 + 1 + 1 + 1 + 5 + 1 + 1 + 2 + 4 = 30 UTF-16 units.
    assert span(d) == (0, 30, 0, 55)
    assert d.code == URL_RULE
    assert d.source == "copydesk"
    assert d.severity == T.DiagnosticSeverity.Warning
    assert d.message == "`htps://` is not a scheme: did you mean `https://`?"
    assert d.code_description is not None
    assert d.code_description.href.endswith("README.md#url-malformed")
    assert d.code_description.href.startswith("https://")
    assert d.tags is None
    assert d.related_information is None


async def test_split_url_diagnostic_spans_both_lines(client: LanguageClient):
    await start(client, caps_utf8())
    doc = Doc(client, "untitled:split.md", SPLIT, "utf-8").open()
    diags = of_rule(await doc.diagnostics())
    assert [span(d) for d in diags] == [(1, 0, 2, 15)]
    assert diags[0].message == (
        "the URL is split across a line break: the next line continues it (`special-session`)"
    )
    assert diags[0].severity == T.DiagnosticSeverity.Warning


@pytest.mark.parametrize("language, uri", [("plaintext", "untitled:notes.txt"), ("markdown", "untitled:notes")])
async def test_language_id_decides_the_kind(client: LanguageClient, language, uri):
    await start(client, caps_utf16())
    doc = Doc(client, uri, "Plain 😀 copy: htps://example.org/p\n", "utf-16", language=language).open()
    assert [span(d) for d in of_rule(await doc.diagnostics())] == [(0, 15, 0, 35)]


async def test_two_documents_are_independent(client: LanguageClient):
    await start(client, caps_utf16())
    a = Doc(client, "untitled:a.md", TYPO, "utf-16").open()
    b = Doc(client, "untitled:b.md", "Nothing wrong here.\n", "utf-16").open()
    assert len(of_rule(await a.diagnostics())) == 1
    assert of_rule(await b.diagnostics()) == []
    b.replace("here.", "here: htps://example.org/b")
    assert [span(d) for d in of_rule(await b.diagnostics())] == [(0, 20, 0, 40)]
    # `a` was not rechecked into anything else.
    assert [p.version for p in client.published if p.uri == a.uri] == [1]
