-- copydesk for Neovim: starts `copydesk lsp` for Markdown and plain-text buffers.
--
--   require("copydesk").setup()          -- the common case: nothing to configure
--   require("copydesk").setup({ cmd = { "/opt/copydesk/bin/copydesk", "lsp" } })
--
-- Works on Neovim 0.7 and later:
--   0.11+     vim.lsp.config() + vim.lsp.enable()
--   0.8–0.10  vim.lsp.start() from a FileType autocommand
--   0.7       vim.lsp.start_client() + vim.lsp.buf_attach_client(), one client per root
local M = {}

local NAME = "copydesk"

M.defaults = {
  -- The server command. `copydesk` must be on PATH, or give an absolute path.
  cmd = { "copydesk", "lsp" },
  -- Live link checks (url/dead, url/redirected, url/unverified). false: the server is started
  -- with --offline. (`[links] enabled = false` in copydesk.toml turns them off per project.)
  links = true,
  -- Filetypes the server is started for. Add more with `extra_filetypes`.
  filetypes = { "markdown", "text" },
  extra_filetypes = {},
  -- The project root: the nearest folder (upward from the buffer's file) holding one of these.
  -- Without one, the buffer's own folder.
  root_markers = { "copydesk.toml", ".git" },
  -- Passed to the server in `initialize` (reserved for server options; see README).
  init_options = nil,
  -- Called with (client, bufnr) when the server attaches to a buffer.
  on_attach = nil,
  -- Extra fields for the client config (capabilities, handlers, flags, ...).
  client = {},
  -- Which client API to use: nil picks by version ("config" on 0.11+, "start" on 0.8–0.10,
  -- "start_client" on 0.7). Set it only to test an older code path on a newer Neovim.
  strategy = nil,
}

M.config = nil

local function has(version)
  return vim.fn.has("nvim-" .. version) == 1
end

local function notify(msg, level)
  vim.notify("copydesk: " .. msg, level or vim.log.levels.INFO)
end

local function list_extend(dst, src)
  for _, v in ipairs(src or {}) do
    table.insert(dst, v)
  end
  return dst
end

local function filetypes(cfg)
  local fts = {}
  local seen = {}
  for _, ft in ipairs(list_extend(vim.deepcopy(cfg.filetypes), cfg.extra_filetypes)) do
    if not seen[ft] then
      seen[ft] = true
      table.insert(fts, ft)
    end
  end
  return fts
end

-- The root folder for a file path: the nearest ancestor with a root marker, else its folder.
-- Plain vim.loop so it also works on 0.7 (which has no vim.fs).
function M.find_root(path, markers)
  markers = markers or (M.config or M.defaults).root_markers
  local uv = vim.loop
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local start = dir
  while dir and dir ~= "" do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return start
end

local function buf_path(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return nil
  end
  return name
end

local function missing_server_message(exe)
  return ("the language server `%s` was not found. Install copydesk (`cargo install --path .` in a "
    .. "copydesk checkout, see its README) or pass its path: "
    .. 'require("copydesk").setup({ cmd = { "/path/to/copydesk", "lsp" } })'):format(exe)
end

local warned_missing = false
local function server_available(cfg)
  local exe = cfg.cmd[1]
  if vim.fn.executable(exe) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    notify(missing_server_message(exe), vim.log.levels.ERROR)
  end
  return false
end

local function client_config(cfg, root_dir)
  local c = vim.tbl_deep_extend("force", {}, cfg.client or {})
  c.name = NAME
  c.cmd = cfg.cmd
  c.root_dir = root_dir
  c.init_options = cfg.init_options
  c.on_attach = cfg.on_attach
  if root_dir then
    c.workspace_folders = { { uri = vim.uri_from_fname(root_dir), name = root_dir } }
  end
  return c
end

-- 0.7: one client per root, attached by hand.
local clients_by_root = {}
local function attach_07(cfg, bufnr)
  local path = buf_path(bufnr)
  local root = path and M.find_root(path, cfg.root_markers) or vim.loop.cwd()
  local id = clients_by_root[root]
  if id and (not vim.lsp.get_client_by_id(id) or vim.lsp.client_is_stopped(id)) then
    id = nil
  end
  if not id then
    local c = client_config(cfg, root)
    local on_exit = c.on_exit
    c.on_exit = function(...)
      if clients_by_root[root] == id then
        clients_by_root[root] = nil
      end
      if on_exit then
        on_exit(...)
      end
    end
    id = vim.lsp.start_client(c)
    if not id then
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

-- 0.8–0.10: vim.lsp.start reuses a client with the same name and root.
local function attach_08(cfg, bufnr)
  local path = buf_path(bufnr)
  local root = path and M.find_root(path, cfg.root_markers) or vim.loop.cwd()
  vim.lsp.start(client_config(cfg, root), { bufnr = bufnr })
end

local augroup
local function attach_current_buffers(fts, attach)
  local wanted = {}
  for _, ft in ipairs(fts) do
    wanted[ft] = true
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and wanted[vim.bo[bufnr].filetype] then
      attach(bufnr)
    end
  end
end

--- Set up copydesk. Safe to call more than once (the last options win).
function M.setup(opts)
  local cfg = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  if opts and opts.cmd then
    cfg.cmd = opts.cmd -- lists are replaced, not merged
  end
  if opts and opts.root_markers then
    cfg.root_markers = opts.root_markers
  end
  if opts and opts.filetypes then
    cfg.filetypes = opts.filetypes
  end
  if cfg.links == false and not vim.tbl_contains(cfg.cmd, "--offline") then
    cfg.cmd = list_extend(vim.deepcopy(cfg.cmd), { "--offline" })
  end
  M.config = cfg
  local fts = filetypes(cfg)

  M.create_commands()

  local strategy = cfg.strategy
    or ((has("0.11") and vim.lsp.config and vim.lsp.enable) and "config")
    or (has("0.8") and "start")
    or "start_client"
  M.strategy = strategy

  if strategy == "config" then
    if not server_available(cfg) then
      return
    end
    local c = client_config(cfg, nil)
    c.root_dir = nil
    c.workspace_folders = nil
    c.filetypes = fts
    c.root_markers = cfg.root_markers
    vim.lsp.config(NAME, c)
    vim.lsp.enable(NAME)
    return
  end

  local attach = strategy == "start" and attach_08 or attach_07
  augroup = vim.api.nvim_create_augroup("copydesk", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = augroup,
    pattern = fts,
    callback = function(args)
      if server_available(cfg) then
        attach(cfg, args.buf)
      end
    end,
  })
  if server_available(cfg) then
    attach_current_buffers(fts, function(bufnr)
      attach(cfg, bufnr)
    end)
  end
end

--- The copydesk client attached to a buffer, if any.
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local list = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr, name = NAME })
    or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(list) do
    if client.name == NAME then
      return client
    end
  end
  return nil
end

-- DocumentSymbol[] or SymbolInformation[] → flat rows.
local function flatten(symbols, out, depth)
  for _, s in ipairs(symbols or {}) do
    local range = s.selectionRange or s.range or (s.location and s.location.range)
    table.insert(out, {
      name = s.name,
      detail = s.detail,
      depth = depth,
      line = range and range.start.line or 0,
      character = range and range.start.character or 0,
    })
    flatten(s.children, out, depth + 1)
  end
  return out
end

-- Byte column of a server position (the client's encoding: utf-8, utf-16 or utf-32).
local function byte_col(bufnr, line, character, encoding)
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] or ""
  if encoding == "utf-8" then
    return math.min(character, #text)
  end
  local ok, col = pcall(vim.str_byteindex, text, character, encoding == "utf-16")
  if ok then
    return col
  end
  return math.min(character, #text)
end

--- Rows of the sources table for a buffer, through the server's textDocument/documentSymbol,
--- else `copydesk sources --format json FILE` (the saved file). Calls cb(rows, err).
function M.sources(bufnr, cb)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if client and client.server_capabilities and client.server_capabilities.documentSymbolProvider then
    local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
    local request = has("0.11") and function(...)
      return client:request(...)
    end or client.request
    request("textDocument/documentSymbol", params, function(err, result)
      if err then
        cb(nil, err.message or tostring(err))
        return
      end
      local rows = flatten(result or {}, {}, 0)
      for _, r in ipairs(rows) do
        r.col = byte_col(bufnr, r.line, r.character, client.offset_encoding)
      end
      cb(rows, nil)
    end, bufnr)
    return
  end
  local path = buf_path(bufnr)
  local exe = ((M.config or M.defaults).cmd or {})[1] or "copydesk"
  if not path then
    cb(nil, "the buffer has no file")
    return
  end
  local out = vim.fn.system({ exe, "sources", "--format", "json", path })
  if vim.v.shell_error ~= 0 then
    cb(nil, "`copydesk sources` failed: " .. out)
    return
  end
  local ok, decoded = pcall(vim.fn.json_decode, out)
  if not ok or type(decoded) ~= "table" then
    cb(nil, "cannot read the output of `copydesk sources`")
    return
  end
  local rows = {}
  for _, file in ipairs(decoded) do
    for _, s in ipairs(file.sources or {}) do
      local line = (s.first_reference_line or (s.lines and s.lines[1]) or 1) - 1
      table.insert(rows, {
        name = s.speaker,
        detail = ("%s, %d quote%s, lines %s"):format(
          s.kind or "",
          s.quotes or 0,
          (s.quotes == 1) and "" or "s",
          table.concat(vim.tbl_map(tostring, s.lines or {}), ", ")
        ),
        depth = 0,
        line = line,
        col = 0,
      })
    end
  end
  cb(rows, nil)
end

--- :CopydeskSources — who is quoted in this draft, in the location list (jump with <CR>).
function M.show_sources(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local win = vim.api.nvim_get_current_win()
  M.sources(bufnr, function(rows, err)
    if err then
      notify(err, vim.log.levels.ERROR)
      return
    end
    local items = {}
    for _, r in ipairs(rows) do
      local text = string.rep("  ", r.depth) .. r.name
      if r.detail and r.detail ~= "" then
        text = text .. " — " .. r.detail
      end
      table.insert(items, { bufnr = bufnr, lnum = r.line + 1, col = (r.col or 0) + 1, text = text })
    end
    local title = "copydesk sources: " .. vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":t")
    vim.fn.setloclist(win, {}, " ", { title = title, items = items })
    if #items == 0 then
      notify("no sources quoted in this draft")
      return
    end
    vim.cmd("lopen")
  end)
end

--- Stop and restart the copydesk client(s).
function M.restart()
  local stopped = {}
  local all = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  for _, client in pairs(all) do
    if client.name == NAME then
      table.insert(stopped, client)
      if has("0.11") then
        client:stop()
      else
        client.stop()
      end
    end
  end
  clients_by_root = {}
  vim.defer_fn(function()
    if M.config then
      M.setup(M.config)
    end
  end, 500)
  notify(("restarted (%d client%s)"):format(#stopped, #stopped == 1 and "" or "s"))
end

function M.create_commands()
  vim.api.nvim_create_user_command("CopydeskSources", function()
    M.show_sources(0)
  end, { desc = "copydesk: show who is quoted in this draft" })
  vim.api.nvim_create_user_command("CopydeskRestart", function()
    M.restart()
  end, { desc = "copydesk: restart the language server" })
end

return M
