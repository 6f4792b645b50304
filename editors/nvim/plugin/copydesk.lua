-- User commands only; the server starts when you call
-- require('copydesk').setup() or vim.lsp.enable('copydesk').
if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

vim.api.nvim_create_user_command('CopydeskFacts', function()
  require('copydesk').facts()
end, { desc = 'copydesk: show the fact sheet of the current article' })

vim.api.nvim_create_user_command('CopydeskRestart', function()
  local clients = vim.lsp.get_clients({ name = 'copydesk' })
  for _, client in ipairs(clients) do
    client:stop()
  end
  vim.wait(3000, function()
    for _, client in ipairs(clients) do
      if not client:is_stopped() then
        return false
      end
    end
    return true
  end)
  -- Re-runs vim.lsp.enable's FileType handler on every buffer.
  pcall(vim.cmd.doautoall, 'nvim.lsp.enable FileType')
end, { desc = 'copydesk: restart the language server' })
