-- SPDX-License-Identifier: MIT
-- Neovim client for reviewls: starts the server for Python buffers, forwards settings, and adds
-- :ReviewlsReview and :ReviewlsFixAll. Works on Neovim 0.7 (vim.lsp.start_client, settings only
-- through workspace/didChangeConfiguration) and uses vim.lsp.start / vim.lsp.config where they
-- exist. All review logic lives in the server.
local M = {}

local defaults = {
  cmd = { 'reviewls' },
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.cfg', 'setup.py', '.git' },
  settings = {}, -- the "reviewls" settings: select, ignore, severity, max-complexity, ...
  on_attach = nil,
}

M.options = vim.deepcopy(defaults)
M.last_exit = nil -- { code = n, signal = n } of the last server that stopped (for tests)

local function has(version)
  return vim.fn.has('nvim-' .. version) == 1
end

-- Method calls on a client: `client:request()` from 0.11 on, `client.request()` before.
local function call(client, method, ...)
  if has('0.11') then
    return client[method](client, ...)
  end
  return client[method](...)
end

local function get_clients(bufnr)
  local all
  if vim.lsp.get_clients then
    all = vim.lsp.get_clients({ bufnr = bufnr, name = 'reviewls' })
  else
    all = {}
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'reviewls' then
        table.insert(all, c)
      end
    end
  end
  return all
end

function M.client(bufnr)
  return get_clients(bufnr or vim.api.nvim_get_current_buf())[1]
end

-- JSON for settings: an empty Lua table must go out as {} (vim.json turns it into []).
local function settings_payload()
  local s = M.options.settings or {}
  if next(s) == nil then
    s = vim.empty_dict()
  end
  return { reviewls = s }
end

local function find_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir and dir ~= '' do
    for _, marker in ipairs(M.options.root_markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return vim.fn.fnamemodify(path, ':p:h')
end

-- The client configuration shared by every start path.
local function client_config(root_dir)
  return {
    name = 'reviewls',
    cmd = M.options.cmd,
    root_dir = root_dir,
    -- Answered by Neovim ≥ 0.8 when the server asks through workspace/configuration.
    settings = settings_payload(),
    -- Read by the server before the first analysis: the first report already uses them.
    init_options = { settings = settings_payload() },
    on_init = function(client)
      -- Neovim 0.7 does not advertise workspace/configuration and sends no settings by itself.
      call(client, 'notify', 'workspace/didChangeConfiguration', { settings = settings_payload() })
    end,
    on_attach = M.options.on_attach,
    on_exit = function(code, signal)
      M.last_exit = { code = code, signal = signal }
    end,
  }
end

-- Neovim 0.7: one client per root directory, attached by hand.
local started = {}

local function start_for_buffer(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  local root = find_root(name ~= '' and name or vim.fn.getcwd() .. '/x')
  if vim.lsp.start then
    return vim.lsp.start(client_config(root), { bufnr = bufnr })
  end
  local id = started[root]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.get_client_by_id(id).is_stopped() then
    id = vim.lsp.start_client(client_config(root))
    started[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Change the settings and send them to every running reviewls server.
function M.set_settings(settings)
  M.options.settings = settings or {}
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ name = 'reviewls' })
    or vim.tbl_filter(function(c)
      return c.name == 'reviewls'
    end, vim.lsp.get_active_clients())
  for _, client in ipairs(clients) do
    client.config.settings = settings_payload()
    call(client, 'notify', 'workspace/didChangeConfiguration', { settings = settings_payload() })
  end
end

local function apply_action(client, action, bufnr)
  local function run(a)
    if a.edit then
      vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding or 'utf-16')
    end
    local cmd = type(a.command) == 'table' and a.command or nil
    if cmd then
      call(client, 'request', 'workspace/executeCommand', cmd, function() end, bufnr)
    end
  end
  local caps = client.server_capabilities or {}
  local provider = caps.codeActionProvider
  if not action.edit and type(provider) == 'table' and provider.resolveProvider then
    call(client, 'request', 'codeAction/resolve', action, function(err, resolved)
      if err then
        vim.notify('reviewls: ' .. tostring(err.message or err), vim.log.levels.ERROR)
        return
      end
      run(resolved or action)
    end, bufnr)
  else
    run(action)
  end
end

--- Apply every automatic fix of the buffer (source.fixAll.reviewls). `done` runs afterwards.
function M.fix_all(bufnr, done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then
    vim.notify('reviewls: no server for this buffer', vim.log.levels.WARN)
    return
  end
  local last = math.max(vim.api.nvim_buf_line_count(bufnr) - 1, 0)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll.reviewls' }, triggerKind = 1 },
  }
  call(client, 'request', 'textDocument/codeAction', params, function(err, actions)
    if err then
      vim.notify('reviewls: ' .. tostring(err.message or err), vim.log.levels.ERROR)
      return
    end
    for _, action in ipairs(actions or {}) do
      if action.kind == 'source.fixAll.reviewls' then
        apply_action(client, action, bufnr)
        break
      end
    end
    if done then
      done()
    end
  end, bufnr)
end

local function markdown_of(result)
  if type(result) == 'string' then
    return result
  end
  if type(result) == 'table' then
    for _, key in ipairs({ 'markdown', 'value', 'contents', 'text', 'review' }) do
      if type(result[key]) == 'string' then
        return result[key]
      end
    end
  end
end

--- Show the Markdown review of the buffer (workspace/executeCommand reviewls.review) in a
--- scratch buffer.
function M.review(bufnr, done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then
    vim.notify('reviewls: no server for this buffer', vim.log.levels.WARN)
    return
  end
  local uri = vim.uri_from_bufnr(bufnr)
  local params = { command = 'reviewls.review', arguments = { uri } }
  call(client, 'request', 'workspace/executeCommand', params, function(err, result)
    local text = markdown_of(result)
    if err or not text then
      vim.notify('reviewls: no review: ' .. tostring(err and err.message or 'empty answer'), vim.log.levels.ERROR)
      return
    end
    vim.cmd('botright new')
    local buf = vim.api.nvim_get_current_buf()
    vim.bo[buf].buftype = 'nofile'
    vim.bo[buf].bufhidden = 'wipe'
    vim.bo[buf].swapfile = false
    pcall(vim.api.nvim_buf_set_name, buf, 'reviewls://review/' .. vim.fn.fnamemodify(vim.uri_to_fname(uri), ':t'))
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(text, '\n', { plain = true }))
    vim.bo[buf].modifiable = false
    vim.bo[buf].filetype = 'markdown'
    if done then
      done(buf)
    end
  end, bufnr)
end

local function define_commands()
  vim.api.nvim_create_user_command('ReviewlsReview', function()
    M.review(0)
  end, { desc = 'reviewls: show the review of this file' })
  vim.api.nvim_create_user_command('ReviewlsFixAll', function()
    M.fix_all(0)
  end, { desc = 'reviewls: apply every automatic fix' })
end

--- Start reviewls for Python buffers. opts: cmd, filetypes, root_markers, settings, on_attach.
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  define_commands()
  if vim.lsp.config and vim.lsp.enable then
    -- Neovim ≥ 0.11: lsp/reviewls.lua holds the defaults; layer ours over them.
    local cfg = client_config(nil)
    cfg.root_dir = nil
    cfg.filetypes = M.options.filetypes
    cfg.root_markers = M.options.root_markers
    vim.lsp.config('reviewls', cfg)
    vim.lsp.enable('reviewls')
    return
  end
  local group = vim.api.nvim_create_augroup('reviewls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      start_for_buffer(args.buf)
    end,
  })
  -- Buffers opened before setup().
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.options.filetypes, vim.bo[buf].filetype) then
      start_for_buffer(buf)
    end
  end
end

return M
