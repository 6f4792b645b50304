-- copydesk language server configuration for Neovim 0.11+ (`:help lsp-config`).
--
-- With this directory on 'runtimepath', `vim.lsp.enable('copydesk')` is enough;
-- `require('copydesk').setup({...})` does that and lets you change the command,
-- filetypes and settings.

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  -- The server knows the LSP language ids `markdown` and `plaintext`; Neovim's
  -- filetype for .txt files is `text`.
  get_language_id = function(_, filetype)
    if filetype == 'text' then
      return 'plaintext'
    end
    return filetype
  end,
  -- Answered to `workspace/configuration` requests for the `copydesk` section
  -- and pushed with `workspace/didChangeConfiguration`. Same keys as the VS
  -- Code settings: rules = { ATT003 = 'off' }, date = 'YYYY-MM-DD', debounceMs.
  settings = { copydesk = vim.empty_dict() },
  init_options = vim.empty_dict(),
}
