"""Fixtures and helpers for the end-to-end suite of `copydesk lsp`.

The server is the real binary (``$COPYDESK_BIN``, run as ``copydesk lsp`` over stdio), the client
is pytest-lsp's (pygls + lsprotocol). Every test gets a fresh server process.

The client keeps its own model of each open document (:class:`Doc`): edits are applied to that
copy in Python, in the negotiated position encoding, and sent to the server as incremental
``didChange`` events, the way an editor does.
"""

from __future__ import annotations

import asyncio
import os
import pathlib
import time
from collections.abc import Callable
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as T
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

TIMEOUT = 20.0
"""Seconds to wait for any one thing from the server."""

URL_RULE = "url/malformed"


def _server_bin() -> str:
    path = os.environ.get("COPYDESK_BIN")
    if not path:
        raise pytest.UsageError("COPYDESK_BIN is not set: run the suite through scripts/e2e.sh")
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        raise pytest.UsageError(f"COPYDESK_BIN={path!r} is not an executable file (run `cargo build` first)")
    return path


# --------------------------------------------------------------------------------------------
# The client: pytest-lsp's, plus a log of every publishDiagnostics (pytest-lsp keeps only the
# last one per URI and drops the version) and of server-to-client registrations.


def _record_diagnostics(client: LanguageClient, params: T.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _register_capability(client: LanguageClient, params: T.RegistrationParams):
    client.registrations.extend(params.registrations)
    return None


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_diagnostics
    features[T.CLIENT_REGISTER_CAPABILITY] = _register_capability
    register_lsp_features(client, features)
    return client


class _Config(ClientServerConfig):
    """Resolve the binary when a test starts (so a missing binary is a clear usage error)."""

    async def start(self, devtools: str | None = None):
        self.server_command = [_server_bin(), "lsp"]
        return await super().start(devtools)


CONFIG = _Config(server_command=["copydesk", "lsp"], client_factory=make_client)


# --------------------------------------------------------------------------------------------
# Capabilities the tests initialize with.


def caps_utf8() -> T.ClientCapabilities:
    """A client that offers UTF-8 (and UTF-16) position encodings."""
    return T.ClientCapabilities(
        general=T.GeneralClientCapabilities(
            position_encodings=[T.PositionEncodingKind.Utf8, T.PositionEncodingKind.Utf16]
        )
    )


def caps_utf16() -> T.ClientCapabilities:
    """A client that says nothing about position encodings (so UTF-16, the LSP default)."""
    return T.ClientCapabilities()


def caps_pull() -> T.ClientCapabilities:
    return T.ClientCapabilities(
        text_document=T.TextDocumentClientCapabilities(
            diagnostic=T.DiagnosticClientCapabilities(dynamic_registration=False)
        )
    )


def caps_watch() -> T.ClientCapabilities:
    return T.ClientCapabilities(
        workspace=T.WorkspaceClientCapabilities(
            did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            did_change_configuration=T.DidChangeConfigurationClientCapabilities(dynamic_registration=False),
        )
    )


async def start(client: LanguageClient, caps: T.ClientCapabilities, root: pathlib.Path | None = None):
    params = T.InitializeParams(
        capabilities=caps,
        root_uri=root.as_uri() if root else None,
        workspace_folders=[T.WorkspaceFolder(uri=root.as_uri(), name=root.name)] if root else None,
    )
    result = await asyncio.wait_for(client.initialize_session(params), TIMEOUT)
    client.init_result = result
    return result


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    """A started server, not yet initialized: the test initializes it with its capabilities."""
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)
    # `exit` ends the process: a server that ignores it would hang `shutdown_session`.
    assert lsp_client._server.returncode == 0


# --------------------------------------------------------------------------------------------
# Positions: the client's side of the encoding negotiation.


def split_lines(text: str) -> list[str]:
    """Lines as LSP counts them (\\n, \\r\\n and \\r all end a line), terminators kept."""
    lines, start, i = [], 0, 0
    while i < len(text):
        c = text[i]
        if c == "\r" and text[i + 1 : i + 2] == "\n":
            lines.append(text[start : i + 2])
            i += 2
            start = i
            continue
        if c in "\r\n":
            lines.append(text[start : i + 1])
            start = i + 1
        i += 1
    lines.append(text[start:])
    return lines


def units(s: str, encoding: str) -> int:
    """Length of ``s`` in code units of ``encoding`` ('utf-8', 'utf-16' or 'utf-32')."""
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    if encoding == "utf-32":
        return len(s)
    raise ValueError(encoding)


def offset_of(text: str, pos: T.Position, encoding: str) -> int:
    """Python string index of an LSP position (clamped: past the line end means the line end,
    past the last line means the end of the text)."""
    lines = split_lines(text)
    if pos.line >= len(lines):
        return len(text)
    start = sum(len(line) for line in lines[: pos.line])
    content = lines[pos.line].rstrip("\r\n")
    col = 0
    for i, ch in enumerate(content):
        if col >= pos.character:
            return start + i
        col += units(ch, encoding)
    return start + len(content)


def position_of(text: str, index: int, encoding: str) -> T.Position:
    """LSP position of a Python string index."""
    line_start = 0
    line = 0
    for seg in split_lines(text)[:-1]:
        if line_start + len(seg) > index:
            break
        line_start += len(seg)
        line += 1
    return T.Position(line=line, character=units(text[line_start:index], encoding))


def apply_edits(text: str, edits: list[T.TextEdit], encoding: str) -> str:
    """Apply text edits (all relative to ``text``, as in a WorkspaceEdit), last first."""
    spans = []
    for e in edits:
        a = offset_of(text, e.range.start, encoding)
        b = offset_of(text, e.range.end, encoding)
        spans.append((a, max(a, b), e.new_text))
    for a, b, new in sorted(spans, key=lambda s: (s[0], s[1]), reverse=True):
        text = text[:a] + new + text[b:]
    return text


def rng(l1: int, c1: int, l2: int, c2: int) -> T.Range:
    return T.Range(start=T.Position(line=l1, character=c1), end=T.Position(line=l2, character=c2))


def span(d: T.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def of_rule(diags, rule: str = URL_RULE) -> list[T.Diagnostic]:
    """Only the findings of one rule (quote and figure checks are still being written by others:
    the tests here must not depend on what they report)."""
    return [d for d in diags if d.code == rule]


# --------------------------------------------------------------------------------------------
# Waiting for the server.


async def wait_until(predicate: Callable[[], Any], what: str, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.01)


_ANY = object()


async def published(
    client: LanguageClient, uri: str, version: Any = _ANY, since: int = 0, timeout: float = TIMEOUT
) -> T.PublishDiagnosticsParams:
    """The first publishDiagnostics for ``uri`` (at ``version``, unless any) received after the
    ``since``-th notification."""

    def find():
        for p in client.published[since:]:
            if p.uri == uri and (version is _ANY or p.version == version):
                return p
        return None

    at = "any version" if version is _ANY else f"version {version}"
    return await wait_until(find, f"publishDiagnostics for {uri} ({at})", timeout)


async def request(coro, timeout: float = TIMEOUT):
    return await asyncio.wait_for(coro, timeout)


class Doc:
    """An open document: the client's copy of its text, and its version."""

    def __init__(self, client: LanguageClient, uri: str, text: str, encoding: str, language: str = "markdown"):
        self.client = client
        self.uri = uri
        self.text = text
        self.encoding = encoding
        self.language = language
        self.version = 0

    def open(self) -> Doc:
        self.version = 1
        self.client.text_document_did_open(
            T.DidOpenTextDocumentParams(
                text_document=T.TextDocumentItem(
                    uri=self.uri, language_id=self.language, version=self.version, text=self.text
                )
            )
        )
        return self

    def close(self):
        self.client.text_document_did_close(
            T.DidCloseTextDocumentParams(text_document=T.TextDocumentIdentifier(uri=self.uri))
        )

    def change(self, edits: list[T.TextEdit]):
        """Send edits as one didChange (applied in order, as LSP says) and apply them here."""
        for e in edits:
            self.text = apply_edits(self.text, [e], self.encoding)
        self.version += 1
        self.client.text_document_did_change(
            T.DidChangeTextDocumentParams(
                text_document=T.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[
                    T.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in edits
                ],
            )
        )

    def replace(self, old: str, new: str, nth: int = 0):
        """Replace the ``nth`` occurrence of ``old`` by a ranged edit computed from the text."""
        i = -1
        for _ in range(nth + 1):
            i = self.text.index(old, i + 1)
        a = position_of(self.text, i, self.encoding)
        b = position_of(self.text, i + len(old), self.encoding)
        self.change([T.TextEdit(range=T.Range(start=a, end=b), new_text=new)])

    async def diagnostics(self, since: int = 0) -> list[T.Diagnostic]:
        """The diagnostics published for the current version."""
        p = await published(self.client, self.uri, self.version, since)
        return list(p.diagnostics)

    async def code_actions(self, r: T.Range, diags: list[T.Diagnostic] | None = None) -> list[T.CodeAction]:
        result = await request(
            self.client.text_document_code_action_async(
                T.CodeActionParams(
                    text_document=T.TextDocumentIdentifier(uri=self.uri),
                    range=r,
                    context=T.CodeActionContext(diagnostics=diags or []),
                )
            )
        )
        assert result is not None, "codeAction returned null for a checked document"
        for a in result:
            assert isinstance(a, T.CodeAction), f"expected CodeAction, got {a!r}"
        return list(result)

    def apply_workspace_edit(self, edit: T.WorkspaceEdit):
        """Apply a WorkspaceEdit's ``changes`` for this document, as one didChange."""
        assert edit.document_changes is None
        assert edit.changes is not None and set(edit.changes) == {self.uri}, edit.changes
        edits = list(edit.changes[self.uri])
        expected = apply_edits(self.text, edits, self.encoding)
        # LSP's didChange applies events in order, each on the result of the previous one: send
        # the edits last first, so that every range still refers to untouched text.
        ordered = sorted(
            edits,
            key=lambda e: (e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character),
            reverse=True,
        )
        self.change(ordered)
        assert self.text == expected
