"""copydesk.toml: found upward from the draft (stopping at a folder with .git), reloaded on
didChangeWatchedFiles / didChangeConfiguration, broken configs shown on the config file."""

import pathlib

import pytest
from conftest import (
    Doc,
    caps_utf8,
    caps_utf16,
    caps_watch,
    of_rule,
    published,
    span,
    start,
    wait_until,
)
from lsprotocol import types as T
from pytest_lsp import LanguageClient

DRAFT = "Board “papers” — 😀 at htps://example.org/board today.\n"
# UTF-16 before the URL: 6 + 1 + 6 + 1 + 1 + 1 + 1 + 2 + 4 = 23; the URL is 24 long.
URL_SPAN = (0, 23, 0, 47)

ERROR, WARNING, INFO, HINT = (
    T.DiagnosticSeverity.Error,
    T.DiagnosticSeverity.Warning,
    T.DiagnosticSeverity.Information,
    T.DiagnosticSeverity.Hint,
)


def rules(severity: str) -> str:
    return f'[rules]\n"url/malformed" = "{severity}"\n'


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> pathlib.Path:
    """A project folder: a .git folder marks its top."""
    root = tmp_path / "newsroom"
    (root / ".git").mkdir(parents=True)
    return root


def watched(client: LanguageClient, path: pathlib.Path, kind=T.FileChangeType.Changed):
    client.workspace_did_change_watched_files(
        T.DidChangeWatchedFilesParams(changes=[T.FileEvent(uri=path.as_uri(), type=kind)])
    )


async def severity_after(client: LanguageClient, doc: Doc, since: int) -> T.DiagnosticSeverity:
    p = await published(client, doc.uri, version=doc.version, since=since)
    diags = of_rule(p.diagnostics)
    assert [span(d) for d in diags] == [URL_SPAN]
    return diags[0].severity


async def test_dynamic_registration_watches_config_files(client: LanguageClient, repo):
    await start(client, caps_watch(), root=repo)
    regs = await wait_until(lambda: client.registrations, "client/registerCapability")
    assert [r.method for r in regs] == ["workspace/didChangeWatchedFiles"]
    assert regs[0].id == "copydesk-config"
    watchers = regs[0].register_options["watchers"]
    assert [w["globPattern"] for w in watchers] == ["**/copydesk.toml"]


async def test_severity_follows_the_config_through_reloads(client: LanguageClient, repo):
    config = repo / "copydesk.toml"
    config.write_text(rules("error"))
    await start(client, caps_watch(), root=repo)
    doc = Doc(client, (repo / "story.md").as_uri(), DRAFT, "utf-16").open()
    assert await severity_after(client, doc, 0) == ERROR

    for name, severity in [("hint", HINT), ("info", INFO), ("warning", WARNING), ("error", ERROR)]:
        config.write_text(rules(name))
        mark = len(client.published)
        watched(client, config)
        assert await severity_after(client, doc, mark) == severity, name

    # "off": the finding goes.
    config.write_text(rules("off"))
    mark = len(client.published)
    watched(client, config)
    p = await published(client, doc.uri, version=1, since=mark)
    assert of_rule(p.diagnostics) == []


async def test_did_change_configuration_also_rereads_the_file(client: LanguageClient, repo):
    config = repo / "copydesk.toml"
    config.write_text(rules("info"))
    await start(client, caps_utf16(), root=repo)
    doc = Doc(client, (repo / "story.md").as_uri(), DRAFT, "utf-16").open()
    assert await severity_after(client, doc, 0) == INFO
    config.write_text(rules("hint"))
    mark = len(client.published)
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={}))
    assert await severity_after(client, doc, mark) == HINT


async def test_broken_config_is_shown_on_its_file_and_the_last_good_one_stays(client: LanguageClient, repo):
    config = repo / "copydesk.toml"
    config.write_text(rules("error"))
    await start(client, caps_watch(), root=repo)
    doc = Doc(client, (repo / "desk" / "story.md").as_uri(), DRAFT, "utf-16").open()
    assert await severity_after(client, doc, 0) == ERROR

    config.write_text(rules("loud"))
    mark = len(client.published)
    watched(client, config)
    shown = await published(client, config.as_uri(), since=mark)
    assert shown.version is None
    assert len(shown.diagnostics) == 1
    d = shown.diagnostics[0]
    # '"url/malformed" = ' is 18 characters: the bad value starts at column 18 of line 1.
    assert span(d) == (1, 18, 1, 19)
    assert d.severity == ERROR
    assert d.code == "config"
    assert d.source == "copydesk"
    assert "'loud' is not a severity" in d.message
    assert d.message.endswith("the last good configuration stays in force")
    # The draft is rechecked with the last good config: still an error.
    assert await severity_after(client, doc, mark) == ERROR
    warnings = [m for m in client.log_messages if "'loud' is not a severity" in m.message]
    assert warnings and warnings[0].type == T.MessageType.Warning

    # Mended: the config's diagnostic clears and the new severity applies.
    config.write_text(rules("hint"))
    mark = len(client.published)
    watched(client, config)
    cleared = await published(client, config.as_uri(), since=mark)
    assert list(cleared.diagnostics) == []
    assert await severity_after(client, doc, mark) == HINT


async def test_config_above_the_git_folder_is_not_used(client: LanguageClient, repo):
    (repo.parent / "copydesk.toml").write_text(rules("error"))
    await start(client, caps_utf16(), root=repo)
    doc = Doc(client, (repo / "story.md").as_uri(), DRAFT, "utf-16").open()
    assert await severity_after(client, doc, 0) == WARNING


async def test_config_is_found_upward_from_a_subfolder(client: LanguageClient, repo):
    (repo / "copydesk.toml").write_text(rules("info"))
    (repo / "desk" / "metro").mkdir(parents=True)
    # A config above the repository must lose to the one inside it.
    (repo.parent / "copydesk.toml").write_text(rules("error"))
    await start(client, caps_utf16(), root=repo)
    doc = Doc(client, (repo / "desk" / "metro" / "story.md").as_uri(), DRAFT, "utf-16").open()
    assert await severity_after(client, doc, 0) == INFO


async def test_a_config_created_later_is_picked_up(client: LanguageClient, repo):
    await start(client, caps_watch(), root=repo)
    doc = Doc(client, (repo / "story.md").as_uri(), DRAFT, "utf-16").open()
    assert await severity_after(client, doc, 0) == WARNING
    config = repo / "copydesk.toml"
    config.write_text(rules("error"))
    mark = len(client.published)
    watched(client, config, T.FileChangeType.Created)
    assert await severity_after(client, doc, mark) == ERROR
    config.unlink()
    mark = len(client.published)
    watched(client, config, T.FileChangeType.Deleted)
    assert await severity_after(client, doc, mark) == WARNING


async def test_config_broken_before_the_draft_is_opened_is_reported(client: LanguageClient, repo):
    config = repo / "copydesk.toml"
    config.write_text(rules("loud"))
    await start(client, caps_watch(), root=repo)
    doc = Doc(client, (repo / "story.md").as_uri(), DRAFT, "utf-16").open()
    # No good config was ever in force: the defaults apply.
    assert await severity_after(client, doc, 0) == WARNING
    shown = await published(client, config.as_uri(), timeout=5)
    assert [span(d) for d in shown.diagnostics] == [(1, 18, 1, 19)]


@pytest.mark.parametrize(
    "caps, encoding, col",
    [
        # `text = ["😀", ` comes before the bad value: 13 scalar values, 14 UTF-16 units, 16 bytes.
        pytest.param(caps_utf16(), "utf-16", 14, id="utf-16"),
        pytest.param(caps_utf8(), "utf-8", 16, id="utf-8"),
    ],
)
async def test_config_error_column_is_in_the_negotiated_encoding(client: LanguageClient, repo, caps, encoding, col):
    config = repo / "copydesk.toml"
    config.write_text(rules("error"))
    await start(client, caps, root=repo)
    doc = Doc(client, (repo / "story.md").as_uri(), DRAFT, encoding).open()
    await doc.diagnostics()
    config.write_text('[files]\ntext = ["😀", "*.txt"]\n')
    mark = len(client.published)
    watched(client, config)
    shown = await published(client, config.as_uri(), since=mark)
    assert [d.message.split(";")[0] for d in shown.diagnostics] == [
        "'*.txt' is not a file extension (write \"md\", not \"*.md\")"
    ]
    assert span(shown.diagnostics[0])[:2] == (1, col)


def caps_pull_refresh() -> T.ClientCapabilities:
    return T.ClientCapabilities(
        text_document=T.TextDocumentClientCapabilities(
            diagnostic=T.DiagnosticClientCapabilities(dynamic_registration=False)
        ),
        workspace=T.WorkspaceClientCapabilities(
            diagnostics=T.DiagnosticWorkspaceClientCapabilities(refresh_support=True),
            did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=False),
        ),
    )


async def pulled_severity(client: LanguageClient, doc: Doc) -> T.DiagnosticSeverity:
    report = await client.text_document_diagnostic_async(
        T.DocumentDiagnosticParams(text_document=T.TextDocumentIdentifier(uri=doc.uri))
    )
    diags = of_rule(report.items)
    assert [span(d) for d in diags] == [URL_SPAN]
    return diags[0].severity


async def test_pull_client_sees_the_reloaded_config_on_its_next_pull(client: LanguageClient, repo):
    config = repo / "copydesk.toml"
    config.write_text(rules("error"))
    await start(client, caps_pull_refresh(), root=repo)
    doc = Doc(client, (repo / "story.md").as_uri(), DRAFT, "utf-16").open()
    assert await pulled_severity(client, doc) == ERROR
    config.write_text(rules("info"))
    watched(client, config)
    assert await pulled_severity(client, doc) == INFO


async def test_pull_client_is_asked_to_refresh_after_a_config_reload(client: LanguageClient, repo):
    config = repo / "copydesk.toml"
    config.write_text(rules("error"))
    await start(client, caps_pull_refresh(), root=repo)
    doc = Doc(client, (repo / "story.md").as_uri(), DRAFT, "utf-16").open()
    assert await pulled_severity(client, doc) == ERROR
    config.write_text(rules("info"))
    watched(client, config)
    await wait_until(lambda: client.diagnostic_refresh_count > 0, "workspace/diagnostic/refresh", timeout=3)
