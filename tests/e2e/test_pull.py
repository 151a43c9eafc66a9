"""Pull diagnostics: a client that declares textDocument.diagnostic asks, and is not pushed to."""

import asyncio

from conftest import URL_RULE, Doc, caps_pull, of_rule, request, span, start
from lsprotocol import types as T
from pytest_lsp import LanguageClient

DRAFT = "“Pulled” — 😀 from htps://example.org/pull\n"
# UTF-16 before the URL: 1 + 6 + 1 + 1 + 1 + 1 + 2 + 6 = 19; the URL is 23 long.


async def pull(doc: Doc) -> T.RelatedFullDocumentDiagnosticReport:
    report = await request(
        doc.client.text_document_diagnostic_async(
            T.DocumentDiagnosticParams(text_document=T.TextDocumentIdentifier(uri=doc.uri))
        )
    )
    assert isinstance(report, T.RelatedFullDocumentDiagnosticReport), report
    assert report.kind == "full"
    return report


async def test_pull_mode_answers_requests_and_never_pushes(client: LanguageClient):
    result = await start(client, caps_pull())
    provider = result.capabilities.diagnostic_provider
    assert isinstance(provider, T.DiagnosticOptions)
    assert provider.identifier == "copydesk"
    assert provider.inter_file_dependencies is False
    assert provider.workspace_diagnostics is False

    doc = Doc(client, "untitled:pull.md", DRAFT, "utf-16").open()
    report = await pull(doc)
    items = of_rule(report.items)
    assert [span(d) for d in items] == [(0, 19, 0, 42)]
    assert items[0].code == URL_RULE
    assert items[0].source == "copydesk"
    assert items[0].code_description.href.endswith("README.md#url-malformed")

    # The pulled findings back the code actions too.
    actions = await doc.code_actions(items[0].range, items)
    assert [a.title for a in actions] == ["Change to https://", "Disable url/malformed for this line"]
    doc.apply_workspace_edit(actions[0].edit)
    assert of_rule((await pull(doc)).items) == []

    doc.close()
    # Give a wrongly pushing server time to push: nothing may arrive, not even on close.
    await asyncio.sleep(0.5)
    assert [p.uri for p in client.published] == []


async def test_pull_reflects_each_edit(client: LanguageClient):
    await start(client, caps_pull())
    doc = Doc(client, "untitled:pull-edits.md", "Clean text.\n", "utf-16").open()
    assert of_rule((await pull(doc)).items) == []
    doc.replace("text.", "text 😀 htps://example.org/x")
    assert [span(d) for d in of_rule((await pull(doc)).items)] == [(0, 14, 0, 34)]
    doc.replace("😀", "")
    assert [span(d) for d in of_rule((await pull(doc)).items)] == [(0, 12, 0, 32)]


async def test_pull_for_a_document_never_opened_is_empty(client: LanguageClient):
    await start(client, caps_pull())
    report = await pull(Doc(client, "untitled:never-opened.md", "", "utf-16"))
    assert list(report.items) == []


async def test_push_client_gets_no_diagnostic_provider(client: LanguageClient):
    result = await start(client, T.ClientCapabilities())
    assert result.capabilities.diagnostic_provider is None
    sync = result.capabilities.text_document_sync
    assert isinstance(sync, T.TextDocumentSyncOptions)
    assert sync.open_close is True
    assert sync.change == T.TextDocumentSyncKind.Incremental
    cap = result.capabilities.code_action_provider
    assert isinstance(cap, T.CodeActionOptions)
    assert list(cap.code_action_kinds) == [T.CodeActionKind.QuickFix]
