-- copydesk for Neovim 0.11+: editorial fact-checking of Markdown and text
-- drafts through the `copydesk lsp` language server.
--
--   require('copydesk').setup({
--     cmd = { 'copydesk', 'lsp' },            -- or { '/path/to/copydesk', 'lsp' }
--     filetypes = { 'markdown', 'text' },
--     root_markers = { 'copydesk.toml', '.git' },
--     settings = { rules = { ATT003 = 'off' }, date = '2025-03-14', debounceMs = 150 },
--   })

local M = {}

local SEVERITIES = { off = true, hint = true, information = true, warning = true, error = true }

M.defaults = {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  settings = {},
}

--- Checks and normalises the `copydesk` settings table; returns it and a list of problems.
---@param settings table|nil
---@return table, string[]
function M.normalize_settings(settings)
  local out, problems = {}, {}
  settings = settings or {}
  if settings.rules ~= nil then
    if type(settings.rules) ~= 'table' then
      table.insert(problems, 'settings.rules must be a table of rule = severity')
    else
      local rules = {}
      for code, sev in pairs(settings.rules) do
        local s = type(sev) == 'string' and sev:lower() or nil
        if type(code) ~= 'string' or not (code:match('^%u%u%u%d%d%d$') or code:match('^%l[%l%d%-]*$')) then
          table.insert(problems, ('settings.rules: %s is not a rule code or name'):format(vim.inspect(code)))
        elseif not SEVERITIES[s] then
          table.insert(problems, ('settings.rules.%s: %s is not off, hint, information, warning or error'):format(code, vim.inspect(sev)))
        else
          rules[code] = s
        end
      end
      if next(rules) ~= nil then
        out.rules = rules
      end
    end
  end
  if settings.date ~= nil and settings.date ~= '' then
    if type(settings.date) == 'string' and settings.date:match('^%d%d%d%d%-%d%d%-%d%d$') then
      out.date = settings.date
    else
      table.insert(problems, ('settings.date: %s is not YYYY-MM-DD'):format(vim.inspect(settings.date)))
    end
  end
  if settings.debounceMs ~= nil then
    local n = tonumber(settings.debounceMs)
    if n and n >= 0 then
      out.debounceMs = math.min(math.floor(n + 0.5), 5000)
    else
      table.insert(problems, ('settings.debounceMs: %s is not a number of milliseconds'):format(vim.inspect(settings.debounceMs)))
    end
  end
  return out, problems
end

--- Configures and enables the `copydesk` language server.
---@param opts table|nil
function M.setup(opts)
  opts = vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
  local settings, problems = M.normalize_settings(opts.settings)
  for _, p in ipairs(problems) do
    vim.notify('copydesk: ' .. p, vim.log.levels.WARN)
  end
  local exe = opts.cmd[1]
  if type(exe) == 'string' and vim.fn.executable(exe) ~= 1 then
    vim.notify(
      ('copydesk: `%s` was not found; install copydesk (https://github.com/copydesk/copydesk#install) or pass cmd = { "/path/to/copydesk", "lsp" } to setup()'):format(exe),
      vim.log.levels.ERROR
    )
    return
  end
  local section = next(settings) == nil and vim.empty_dict() or settings
  vim.lsp.config('copydesk', {
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    settings = { copydesk = section },
    init_options = section,
  })
  vim.lsp.enable('copydesk')
end

--- Opens `copydesk facts <file> --format markdown` for the current buffer in a split.
function M.facts()
  local file = vim.api.nvim_buf_get_name(0)
  if file == '' then
    vim.notify('copydesk: save the article to a file first', vim.log.levels.WARN)
    return
  end
  if vim.bo.modified then
    vim.cmd.write()
  end
  local cfg = vim.lsp.config.copydesk or {}
  local exe = (cfg.cmd and type(cfg.cmd) == 'table' and cfg.cmd[1]) or 'copydesk'
  local res = vim.system({ exe, 'facts', file, '--format', 'markdown' }, { text = true }):wait()
  if res.code ~= 0 and (res.stdout or '') == '' then
    vim.notify('copydesk facts failed: ' .. (res.stderr or ''), vim.log.levels.ERROR)
    return
  end
  vim.cmd('botright vnew')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(res.stdout, '\n', { plain = true }))
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = 'markdown'
  pcall(vim.api.nvim_buf_set_name, buf, 'copydesk facts: ' .. vim.fn.fnamemodify(file, ':t'))
end

return M
