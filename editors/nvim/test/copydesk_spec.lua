-- Headless end-to-end test of the copydesk Neovim plugin against the real `copydesk lsp`.
--
-- Run by scripts/editors-test.sh (which copies the fixtures to a temporary folder):
--   COPYDESK_BIN=/abs/copydesk COPYDESK_FIXTURES=/tmp/x nvim --headless --clean \
--     --cmd 'set rtp^=editors/nvim' -c 'luafile editors/nvim/test/copydesk_spec.lua'
-- Prints one line per check and `nvim VERSION: N passed, M failed`; exits non-zero on failure.
-- Written for Neovim 0.7 and later (no vim.fs, no vim.lsp.get_clients on 0.7).

local BIN = assert(os.getenv("COPYDESK_BIN"), "COPYDESK_BIN is not set")
local FIX = assert(os.getenv("COPYDESK_FIXTURES"), "COPYDESK_FIXTURES is not set")
local TIMEOUT = tonumber(os.getenv("COPYDESK_NVIM_TIMEOUT_MS") or "20000")

local passed, failed = 0, 0
local function out(s)
  io.stdout:write(s .. "\n")
  io.stdout:flush()
end

local v = vim.version()
local STRATEGY = os.getenv("COPYDESK_NVIM_STRATEGY")
if STRATEGY == "" then
  STRATEGY = nil
end
local EXPECTED_STRATEGY = STRATEGY
  or (vim.fn.has("nvim-0.11") == 1 and "config")
  or (vim.fn.has("nvim-0.8") == 1 and "start")
  or "start_client"
local VERSION = ("%d.%d.%d %s"):format(v.major, v.minor, v.patch, EXPECTED_STRATEGY)

local function test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    out(("ok - [nvim %s] %s"):format(VERSION, name))
  else
    failed = failed + 1
    out(("not ok - [nvim %s] %s\n%s"):format(VERSION, name, tostring(err)))
  end
end

local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(("%s: expected %s, got %s"):format(what or "value", vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

local function wait_for(what, cond)
  local ok = vim.wait(TIMEOUT, cond, 50)
  if not ok then
    error("timed out waiting for " .. what, 2)
  end
end

local function realpath(p)
  return vim.loop.fs_realpath(p) or p
end

local copydesk = require("copydesk")

local function diag_code(d)
  if d.code then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

-- copydesk diagnostics of a buffer, sorted by position: { {rule, lnum, col, end_lnum, end_col}, ... }
local function findings(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "copydesk" then
      table.insert(list, d)
    end
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    return a.col < b.col
  end)
  return list
end

local function summary(list)
  local s = {}
  for _, d in ipairs(list) do
    table.insert(s, { diag_code(d), d.lnum, d.col, d.end_lnum, d.end_col })
  end
  return s
end

local function line(bufnr, lnum0)
  return vim.api.nvim_buf_get_lines(bufnr, lnum0, lnum0 + 1, false)[1]
end

-- Byte column (0-based) of `needle` in line lnum0 of a buffer.
local function col_of(bufnr, lnum0, needle)
  local s = line(bufnr, lnum0):find(needle, 1, true)
  assert(s, ("%q not on line %d"):format(needle, lnum0 + 1))
  return s - 1
end

local function lnum_of(bufnr, needle)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if l:find(needle, 1, true) then
      return i - 1
    end
  end
  error(("%q not in the buffer"):format(needle))
end

-- Run the code action titled `title` (a Lua pattern) at (lnum0, col) through vim.lsp.buf.code_action,
-- answering its vim.ui.select as a person would.
local function code_action(bufnr, lnum0, col, title)
  vim.api.nvim_win_set_cursor(0, { lnum0 + 1, col })
  local offered
  local chosen = false
  local select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local pick
    for i, item in ipairs(items) do
      local t = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, t)
      if not pick and t:match(title) then
        pick = i
      end
    end
    chosen = true
    if pick then
      on_choice(items[pick], pick)
    else
      on_choice(nil, nil)
    end
  end
  vim.lsp.buf.code_action()
  local ok = vim.wait(TIMEOUT, function()
    return chosen
  end, 50)
  vim.ui.select = select
  if not ok then
    error("no code actions were offered at " .. (lnum0 + 1) .. ":" .. col)
  end
  local found = false
  for _, t in ipairs(offered) do
    if t:match(title) then
      found = true
    end
  end
  if not found then
    error(("no action matching %q; offered: %s"):format(title, vim.inspect(offered)))
  end
  return offered
end

local function clients()
  local all = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  local list = {}
  for _, c in pairs(all) do
    if c.name == "copydesk" then
      table.insert(list, c)
    end
  end
  return list
end

local function root_of(client)
  return client.config.root_dir or (client.workspace_folders and vim.uri_to_fname(client.workspace_folders[1].uri))
end

local function run()
  local project = realpath(FIX .. "/project")
  local gitroot = realpath(FIX .. "/gitroot")
  local draft = project .. "/drafts/draft.md"

  test("a missing server gives a clear message and starts nothing", function()
    local messages = {}
    local notify = vim.notify
    vim.notify = function(msg, level)
      table.insert(messages, { msg = msg, level = level })
    end
    copydesk.setup({ cmd = { FIX .. "/no-such-copydesk", "lsp" }, strategy = STRATEGY })
    vim.cmd("edit " .. vim.fn.fnameescape(FIX .. "/project/drafts/notes.txt"))
    vim.wait(300)
    vim.notify = notify
    assert(#messages >= 1, "no message")
    local m = messages[1]
    assert(m.msg:find("was not found", 1, true), m.msg)
    assert(m.msg:find("README", 1, true), m.msg)
    eq(m.level, vim.log.levels.ERROR, "level")
    eq(#clients(), 0, "clients")
    vim.cmd("bwipeout!")
  end)

  -- links = false: no live link checks (this machine has no network); checked below.
  copydesk.setup({ cmd = { BIN, "lsp" }, strategy = STRATEGY, links = false })

  test("the client API for this version: " .. EXPECTED_STRATEGY, function()
    eq(copydesk.strategy, EXPECTED_STRATEGY, "strategy")
  end)

  local buf
  test("opens a Markdown draft: the server attaches with the copydesk.toml folder as root", function()
    vim.cmd("edit " .. vim.fn.fnameescape(draft))
    buf = vim.api.nvim_get_current_buf()
    eq(vim.bo[buf].filetype, "markdown", "filetype")
    wait_for("the client", function()
      return copydesk.client(buf) ~= nil
    end)
    eq(realpath(root_of(copydesk.client(buf))), project, "root_dir")
    eq(copydesk.client(buf).config.cmd, { BIN, "lsp", "--offline" }, "cmd (links = false)")
  end)

  test("diagnostics: rule ids and positions after curly quotes and emoji", function()
    wait_for("4 diagnostics", function()
      return #findings(buf) >= 4
    end)
    local l3 = line(buf, 2)
    local url = "htps://example.org/harbour/plan-2026"
    local url_col = col_of(buf, 2, url)
    -- The column is in bytes: curly quotes are 3 bytes, the ship emoji 4, so it is well past
    -- the 54th character the CLI reports (column 54, 1-based, in characters).
    eq(vim.fn.strchars(l3:sub(1, url_col)), 53, "characters before the URL")
    local split_col = col_of(buf, 6, "https://example.org/council/minutes-")
    local quote_end = col_of(buf, 2, "”") + #"”"
    eq(summary(findings(buf)), {
      { "quote/unattributed", 2, 0, 2, quote_end },
      { "url/malformed", 2, url_col, 2, url_col + #url },
      { "url/malformed", 6, split_col, 7, #"2026-harbour" },
      { "quote/unattributed", 9, 0, 9, #line(buf, 9) },
    }, "findings")
    for _, d in ipairs(findings(buf)) do
      eq(d.severity, vim.diagnostic.severity.WARN, "severity")
    end
  end)

  test("a plain-text buffer (filetype text) shares the project's client", function()
    vim.cmd("edit " .. vim.fn.fnameescape(project .. "/drafts/notes.txt"))
    local nb = vim.api.nvim_get_current_buf()
    eq(vim.bo[nb].filetype, "text", "filetype")
    wait_for("a diagnostic in notes.txt", function()
      return #findings(nb) >= 1
    end)
    local col = col_of(nb, 1, "htps://")
    eq(summary(findings(nb)), { { "url/malformed", 1, col, 1, col + #"htps://example.org/prices" } }, "findings")
    eq(copydesk.client(nb).id, copydesk.client(buf).id, "one client per root")
    eq(#clients(), 1, "clients")
    vim.cmd("buffer " .. buf)
  end)

  test("root detection: a folder with .git (no copydesk.toml) gets its own client", function()
    vim.cmd("edit " .. vim.fn.fnameescape(gitroot .. "/desk/rota.md"))
    local rb = vim.api.nvim_get_current_buf()
    wait_for("the client", function()
      return copydesk.client(rb) ~= nil and #findings(rb) >= 1
    end)
    eq(realpath(root_of(copydesk.client(rb))), gitroot, "root_dir")
    assert(copydesk.client(rb).id ~= copydesk.client(buf).id, "a second client")
    eq(#clients(), 2, "clients")
    vim.cmd("buffer " .. buf)
  end)

  test('code action "Change to https://" fixes the scheme after the emoji', function()
    local col = col_of(buf, 2, "htps://")
    local offered = code_action(buf, 2, col + 2, "^Change to https://")
    assert(vim.tbl_contains(offered, "Disable url/malformed for this line"), vim.inspect(offered))
    wait_for("the edit", function()
      return line(buf, 2):find("https://example.org/harbour", 1, true) ~= nil
    end)
    eq(
      line(buf, 2),
      "“It’s a good day for the port,” 🚢 and the plan is at https://example.org/harbour/plan-2026 for anyone.",
      "line 3"
    )
    -- The server answers code actions from its latest check: wait for the squiggle to go, as a
    -- person would, before the next action.
    wait_for("the recheck after the edit", function()
      return #findings(buf) == 3
    end)
  end)

  test('code action "Rejoin the URL" joins a URL split by a line break', function()
    local n = vim.api.nvim_buf_line_count(buf)
    local l = lnum_of(buf, "https://example.org/council/minutes-")
    code_action(buf, l, col_of(buf, l, "https://") + 4, "^Rejoin the URL")
    wait_for("the edit", function()
      return vim.api.nvim_buf_line_count(buf) == n - 1
    end)
    eq(line(buf, l), "The full minutes are at https://example.org/council/minutes-2026-harbour.", "joined line")
    wait_for("the recheck after the edit", function()
      return #findings(buf) == 2
    end)
  end)

  test('code action "Attribute to …" attributes an unattributed quote', function()
    local l = lnum_of(buf, "Nobody asked the fishermen")
    code_action(buf, l, 3, "^Attribute to ")
    wait_for("the edit", function()
      return line(buf, l):find("said", 1, true) ~= nil
    end)
    eq(line(buf, l), "“Nobody asked the fishermen,” Ruiz said.", "attributed line")
  end)

  test("diagnostics follow the edits (no save): one quote finding is left", function()
    wait_for("the recheck", function()
      local s = summary(findings(buf))
      return #s == 1
    end)
    local quote_end = col_of(buf, 2, "”") + #"”"
    eq(summary(findings(buf)), { { "quote/unattributed", 2, 0, 2, quote_end } }, "findings")
  end)

  test(":CopydeskSources lists who is quoted in the location list", function()
    local win = vim.api.nvim_get_current_win()
    vim.fn.setloclist(win, {}, "r", { items = {} })
    vim.cmd("CopydeskSources")
    wait_for("the location list", function()
      return #vim.fn.getloclist(win) > 0
    end)
    local items = vim.fn.getloclist(win)
    assert(items[1].text:find("Ruiz", 1, true), items[1].text)
    eq(items[1].lnum, 5, "line of the first reference")
    local client = copydesk.client(buf)
    if client.server_capabilities.documentSymbolProvider then
      -- From the server's document symbols: the speaker, then each quotation, indented.
      local rows = {}
      for _, it in ipairs(items) do
        table.insert(rows, { it.lnum, it.text:match("^%s*") ~= "" })
      end
      eq(rows, { { 5, false }, { 5, true }, { lnum_of(buf, "Nobody asked") + 1, true } }, "rows (line, indented)")
      assert(items[3].text:find("Nobody asked the fishermen", 1, true), items[3].text)
    else
      eq(#items, 1, "sources (copydesk sources on the saved file)")
    end
    eq(vim.fn.getloclist(win, { title = 0 }).title, "copydesk sources: draft.md", "title")
    vim.cmd("lclose")
  end)
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  failed = failed + 1
  out("not ok - [nvim " .. VERSION .. "] the test script itself\n" .. tostring(err))
end
out(("nvim %s: %d passed, %d failed"):format(VERSION, passed, failed))
for _, c in ipairs(clients()) do
  if vim.fn.has("nvim-0.11") == 1 then
    c:stop(true)
  else
    c.stop(true)
  end
end
vim.cmd(failed == 0 and "qall!" or "cquit 1")
