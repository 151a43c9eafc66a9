"""Hover and document symbols: hover explains quotations and findings; symbols are the sources."""

from conftest import Doc, caps_utf16, of_rule, request, start
from lsprotocol import types as T
from pytest_lsp import LanguageClient

DRAFT = "# Council\n\nRead htps://example.org/council now.\n\n## Budget 😀\n\nNumbers later.\n"

QUOTED = (
    "“We will open the library on Saturdays from next month,” librarian Nora Pike said.\n\n"
    "“Volunteers have already signed up for every shift,” Pike added.\n"
)


async def test_hover_on_a_finding_names_its_rule(client: LanguageClient):
    result = await start(client, caps_utf16())
    assert result.capabilities.hover_provider
    doc = Doc(client, "untitled:hover.md", DRAFT, "utf-16").open()
    diags = of_rule(await doc.diagnostics())
    assert len(diags) == 1
    hover = await request(
        client.text_document_hover_async(
            T.HoverParams(text_document=T.TextDocumentIdentifier(uri=doc.uri), position=diags[0].range.start)
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, T.MarkupContent)
    assert "url/malformed" in hover.contents.value
    assert hover.range == diags[0].range


async def test_hover_on_a_quotation_says_who_said_it(client: LanguageClient):
    await start(client, caps_utf16())
    doc = Doc(client, "untitled:quote.md", QUOTED, "utf-16").open()
    await doc.diagnostics()
    hover = await request(
        client.text_document_hover_async(
            T.HoverParams(text_document=T.TextDocumentIdentifier(uri=doc.uri), position=T.Position(line=2, character=3))
        )
    )
    assert hover is not None
    assert "Pike" in hover.contents.value
    assert "added" in hover.contents.value


async def test_document_symbols_list_the_sources(client: LanguageClient):
    result = await start(client, caps_utf16())
    assert result.capabilities.document_symbol_provider
    doc = Doc(client, "untitled:symbols.md", QUOTED, "utf-16").open()
    await doc.diagnostics()
    symbols = await request(
        client.text_document_document_symbol_async(
            T.DocumentSymbolParams(text_document=T.TextDocumentIdentifier(uri=doc.uri))
        )
    )
    assert [s.name for s in symbols] == ["Pike"]
    assert len(symbols[0].children) == 2
    assert "Nora Pike" in symbols[0].detail
