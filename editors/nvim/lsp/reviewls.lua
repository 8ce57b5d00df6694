-- SPDX-License-Identifier: MIT
-- Defaults for Neovim ≥ 0.11 (`vim.lsp.config`/`vim.lsp.enable('reviewls')`). With this
-- directory on 'runtimepath', `vim.lsp.enable('reviewls')` alone is enough; require('reviewls')
-- .setup() adds the commands and settings on top.
return {
  cmd = { 'reviewls' },
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.cfg', 'setup.py', '.git' },
  settings = { reviewls = vim.empty_dict() },
}
