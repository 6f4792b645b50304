-- End-to-end test of the Neovim plugin against the real `copydesk lsp`.
--
--   nvim --headless -n --clean -S tests/editors/nvim_test.lua
--
-- Environment: COPYDESK_BIN (default <repo>/target/debug/copydesk),
-- COPYDESK_TEST_TIMEOUT_MS (default 15000). Exits 0 when every check passes,
-- 1 otherwise, 2 when the whole run times out.
--
-- Expected positions are computed from the article text (byte columns, as
-- Neovim stores diagnostics) and from `copydesk check --format json` on the
-- same text, never typed in.

local script = debug.getinfo(1, 'S').source:gsub('^@', '')
local repo = vim.fn.fnamemodify(vim.fn.fnamemodify(script, ':p'), ':h:h:h')
local bin = vim.fn.fnamemodify(os.getenv('COPYDESK_BIN') or (repo .. '/target/debug/copydesk'), ':p')
local article = repo .. '/tests/editors/article.md'
local TIMEOUT = tonumber(os.getenv('COPYDESK_TEST_TIMEOUT_MS') or '15000')

local passed, failed, skipped = 0, 0, 0

local function out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

local function finish()
  out(('nvim: %d passed, %d failed, %d skipped'):format(passed, failed, skipped))
  vim.cmd((failed > 0 or passed == 0) and 'cquit 1' or 'qall!')
end

-- Whatever happens, do not hang CI.
vim.defer_fn(function()
  out(('nvim: FAILED: the test did not finish within %d ms'):format(TIMEOUT * 8))
  vim.cmd('cquit 2')
end, TIMEOUT * 8)

local Skip = {}

local function test(name, fn)
  local ok, err = xpcall(fn, function(e)
    if type(e) == 'table' and e.skip then
      return e
    end
    -- check()/eq() errors carry their file:line; only surprises need a traceback.
    return type(e) == 'string' and e:find('nvim_test.lua:%d+: ') and e or debug.traceback(tostring(e), 2)
  end)
  if ok then
    passed = passed + 1
    out('ok   ' .. name)
  elseif type(err) == 'table' and err.skip then
    skipped = skipped + 1
    out('skip ' .. name .. ': ' .. err.skip)
  else
    failed = failed + 1
    out('FAIL ' .. name .. '\n     ' .. tostring(err):gsub('\n', '\n     '))
  end
end

local function skip(why)
  error(setmetatable({ skip = why }, Skip), 0)
end

local function check(cond, msg, ...)
  if not cond then
    error(msg:format(...), 2)
  end
end

local function eq(got, want, what)
  if not vim.deep_equal(got, want) then
    error(('%s:\n  got  %s\n  want %s'):format(what, vim.inspect(got), vim.inspect(want)), 2)
  end
end

-- ---- text helpers ---------------------------------------------------------

local function buf_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

--- 0-based line and byte column of 0-based byte offset `b` in `text`.
local function line_col(text, b)
  local line, start = 0, 0
  local i = 1
  while true do
    local nl = text:find('\n', i, true)
    if not nl or nl - 1 >= b then
      break
    end
    line = line + 1
    start = nl
    i = nl + 1
  end
  return line, b - start
end

--- Byte offset (0-based) of the nth (1-based) occurrence of `needle`.
local function find(text, needle, nth)
  local at = 0
  for _ = 1, nth or 1 do
    at = text:find(needle, at + 1, true)
    assert(at, 'the test article lost its anchor ' .. needle)
  end
  return at - 1
end

local function key(code, l1, c1, l2, c2)
  return ('%s@%d:%d-%d:%d'):format(code, l1, c1, l2, c2)
end

local function diag_keys(diags)
  local keys = {}
  for _, d in ipairs(diags) do
    table.insert(keys, key(d.code, d.lnum, d.col, d.end_lnum, d.end_col))
  end
  table.sort(keys)
  return keys
end

--- `copydesk check --format json` on `text` (a .md file unless `ext`), as sorted code@line:col keys (byte columns).
local function cli_keys(text, ext)
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local file = dir .. '/article.' .. (ext or 'md')
  local f = assert(io.open(file, 'wb'))
  f:write(text)
  f:close()
  local res = vim.system({ bin, 'check', file, '--format', 'json' }, { text = true, cwd = dir }):wait()
  vim.fn.delete(dir, 'rf')
  local ok, report = pcall(vim.json.decode, res.stdout or '')
  check(ok and type(report) == 'table' and report.files and report.files[1], '`copydesk check --format json` gave no report: %s %s', res.stdout, res.stderr)
  local keys = {}
  for _, d in ipairs(report.files[1].diagnostics or {}) do
    local l1, c1 = line_col(text, d.byte_range[1])
    local l2, c2 = line_col(text, d.byte_range[2])
    table.insert(keys, key(d.code, l1, c1, l2, c2))
  end
  table.sort(keys)
  return keys
end

local function json_strings(v, acc)
  acc = acc or {}
  if type(v) == 'string' then
    table.insert(acc, v)
  elseif type(v) == 'table' then
    for _, x in pairs(v) do
      json_strings(x, acc)
    end
  end
  return acc
end

--- Does some JSON object (own string fields) mention every needle?
local function object_mentions(v, needles)
  if type(v) ~= 'table' then
    return false
  end
  local own = {}
  for _, x in pairs(v) do
    if type(x) == 'string' then
      table.insert(own, x)
    end
  end
  local all = true
  for _, n in ipairs(needles) do
    local hit = false
    for _, s in ipairs(own) do
      if s:find(n, 1, true) then
        hit = true
      end
    end
    all = all and hit
  end
  if all and #own > 0 then
    return true
  end
  for _, x in pairs(v) do
    if object_mentions(x, needles) then
      return true
    end
  end
  return false
end

local function facts()
  local res = vim.system({ bin, 'facts', article, '--format', 'json' }, { text = true }):wait()
  local ok, v = pcall(vim.json.decode, res.stdout or '')
  return ok and v or nil
end

-- publishDiagnostics notifications received, per client id.
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  published[ctx.client_id] = (published[ctx.client_id] or 0) + 1
  return publish(err, result, ctx, config)
end

local function copydesk_diags(buf)
  local client = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })[1]
  if not client then
    return {}
  end
  local ns = vim.lsp.diagnostic.get_namespace(client.id)
  return vim.diagnostic.get(buf, { namespace = ns })
end

--- Waits until the copydesk diagnostics of `buf` satisfy `pred`; returns them.
local function wait_diags(buf, pred, what)
  local got
  local ok = vim.wait(TIMEOUT, function()
    got = copydesk_diags(buf)
    return pred(got)
  end, 20)
  check(ok, 'no diagnostics %s within %d ms; last: %s', what, TIMEOUT, vim.inspect(diag_keys(got or {})))
  return got
end

local function hover_at(buf, byte_offset)
  local text = buf_text(buf)
  local l, c = line_col(text, byte_offset)
  local win = vim.api.nvim_get_current_win()
  vim.api.nvim_win_set_buf(win, buf)
  vim.api.nvim_win_set_cursor(win, { l + 1, c })
  local client = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })[1]
  local params = vim.lsp.util.make_position_params(win, client.offset_encoding)
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, TIMEOUT)
  local r = res and res[client.id]
  check(r ~= nil and r.err == nil, 'hover failed: %s', vim.inspect(r))
  if r.result == nil then
    return nil
  end
  local c0 = r.result.contents
  if type(c0) == 'string' then
    return c0
  elseif c0.value then
    return c0.value
  end
  local parts = {}
  for _, p in ipairs(c0) do
    table.insert(parts, type(p) == 'string' and p or p.value)
  end
  return table.concat(parts, '\n')
end

-- ---- the run --------------------------------------------------------------

local function main()
  out('nvim: ' .. tostring(vim.version()) .. ', copydesk: ' .. bin)
  check(vim.fn.executable(bin) == 1, 'no copydesk binary at %s (build it or set COPYDESK_BIN)', bin)
  vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
  vim.cmd('runtime plugin/copydesk.lua')

  test('setup() configures vim.lsp for markdown and text', function()
    require('copydesk').setup({ cmd = { bin, 'lsp' }, settings = { debounceMs = 0 } })
    local cfg = vim.lsp.config.copydesk
    eq(cfg.filetypes, { 'markdown', 'text' }, 'filetypes')
    eq(cfg.root_markers, { 'copydesk.toml', '.git' }, 'root_markers')
    eq(cfg.settings, { copydesk = { debounceMs = 0 } }, 'settings')
    check(vim.fn.exists(':CopydeskFacts') == 2, ':CopydeskFacts is defined')
  end)

  test('settings are checked before they reach the server', function()
    local n = require('copydesk').normalize_settings
    eq({ n({ rules = { ATT003 = 'Off', ['vague-source'] = 'hint' }, date = '2025-03-14', debounceMs = 80.4 }) }, {
      { rules = { ATT003 = 'off', ['vague-source'] = 'hint' }, date = '2025-03-14', debounceMs = 80 },
      {},
    }, 'valid settings')
    local out, problems = n({ rules = { ATT001 = 'loud', ['not a rule'] = 'off' }, date = '14/03/2025', debounceMs = -1 })
    eq(out, {}, 'invalid settings are dropped')
    eq(#problems, 4, 'one problem per invalid value: ' .. vim.inspect(problems))
  end)

  vim.cmd.edit(vim.fn.fnameescape(article))
  local buf = vim.api.nvim_get_current_buf()
  local text = buf_text(buf)

  test('the server attaches to the Markdown buffer', function()
    eq(vim.bo[buf].filetype, 'markdown', 'filetype')
    local ok = vim.wait(TIMEOUT, function()
      local c = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })[1]
      return c ~= nil and c.initialized
    end, 20)
    check(ok, 'copydesk did not attach within %d ms (see :checkhealth vim.lsp / %s)', TIMEOUT, vim.lsp.get_log_path())
  end)

  local opened
  test('diagnostics arrive with codes and exact positions', function()
    -- The unclosed quotation mark after "was blunter: ".
    local b = find(text, '“The delays were avoidable')
    local l, c = line_col(text, b)
    local want = key('ATT006', l, c, l, c + #'“')
    opened = wait_diags(buf, function(d)
      return #d > 0
    end, 'after opening')
    local att006 = {}
    for _, k in ipairs(diag_keys(opened)) do
      if k:match('^ATT006@') then
        table.insert(att006, k)
      end
    end
    out('     published: ' .. table.concat(diag_keys(opened), ', '))
    eq(att006, { want }, 'ATT006 (all: ' .. table.concat(diag_keys(opened), ', ') .. ')')
    for _, d in ipairs(opened) do
      check(type(d.code) == 'string' and d.code:match('^%u%u%u%d%d%d$'), 'diagnostic code %s', vim.inspect(d.code))
      check(d.source == 'copydesk', 'source of %s is %s', d.code, vim.inspect(d.source))
    end
  end)

  test('the same findings as `copydesk check`, at the same places', function()
    check(opened, 'no diagnostics to compare')
    eq(diag_keys(opened), cli_keys(text), 'diagnostics vs copydesk check')
  end)

  local f = facts()
  test('hover on a person names them', function()
    local names = json_strings(f)
    if not vim.tbl_contains(names, 'Priya Raman') and not vim.iter(names):any(function(s)
      return s:find('Priya Raman', 1, true) ~= nil
    end) then
      skip('`copydesk facts --format json` lists no Priya Raman: people are not detected yet')
    end
    local h = hover_at(buf, find(text, 'Raman said.') + 2)
    check(h ~= nil, 'no hover on the mention `Raman`')
    out('     hover: ' .. h:gsub('\n', ' | '):sub(1, 200))
    check(h:find('Priya Raman', 1, true), 'hover does not name Priya Raman:\n%s', h)
  end)

  test('hover on a quote names its speaker', function()
    if not object_mentions(f, { 'This town has flooded', 'Raman' }) then
      skip('`copydesk facts --format json` does not attribute the quote to Raman yet')
    end
    local h = hover_at(buf, find(text, 'This town has flooded') + 5)
    check(h ~= nil, 'no hover on the quote')
    out('     hover: ' .. h:gsub('\n', ' | '):sub(1, 200))
    check(h:find('Raman', 1, true), 'quote hover does not name Raman:\n%s', h)
  end)

  test('diagnostics follow buffer edits', function()
    -- Close the open quotation and add a paragraph with a new unclosed one
    -- after the headline (every later finding moves down two lines).
    local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    local head
    for i, l in ipairs(lines) do
      if l == '# Riverside flood barrier opens two years late' then
        head = i
      end
    end
    check(head, 'headline not found')
    local b = find(text, 'by 2022.') + #'by 2022.'
    local l, c = line_col(text, b)
    vim.api.nvim_buf_set_text(buf, l, c, l, c, { '”' })
    vim.api.nvim_buf_set_lines(buf, head, head, false, { '', '“We were never told the cost, one trader said.' })
    local now = buf_text(buf)
    local nb = find(now, '“We were never told')
    local nl, nc = line_col(now, nb)
    local want = key('ATT006', nl, nc, nl, nc + #'“')
    local got = wait_diags(buf, function(d)
      local keys = diag_keys(d)
      local att = vim.tbl_filter(function(k)
        return k:match('^ATT006@')
      end, keys)
      return #att == 1 and att[1] == want
    end, 'with ATT006 moved to ' .. want)
    eq(diag_keys(got), cli_keys(now), 'after the edit, diagnostics vs copydesk check')

    -- Delete the paragraph again: no unclosed quotation is left.
    vim.api.nvim_buf_set_lines(buf, head, head + 2, false, {})
    local again = buf_text(buf)
    got = wait_diags(buf, function(d)
      return #vim.tbl_filter(function(x)
        return x.code == 'ATT006'
      end, d) == 0
    end, 'without ATT006 after the deletion')
    eq(diag_keys(got), cli_keys(again), 'after the deletion, diagnostics vs copydesk check')
  end)

  test(':CopydeskRestart starts a new server that publishes again', function()
    local old = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })[1]
    check(old, 'no client before the restart')
    vim.api.nvim_set_current_buf(buf)
    vim.cmd('CopydeskRestart')
    local new
    local ok = vim.wait(TIMEOUT, function()
      new = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })[1]
      return new ~= nil and new.id ~= old.id and new.initialized
    end, 20)
    check(ok, 'no new copydesk client attached within %d ms', TIMEOUT)
    local got = wait_diags(buf, function()
      return (published[new.id] or 0) > 0
    end, 'from the restarted server')
    eq(diag_keys(got), cli_keys(buf_text(buf)), 'after the restart, diagnostics vs copydesk check')
  end)

  test(':CopydeskFacts opens the fact sheet as Markdown', function()
    vim.api.nvim_set_current_buf(buf)
    vim.bo[buf].modified = false -- the edits above are not to be written to the fixture
    vim.cmd('CopydeskFacts')
    local sheet = vim.api.nvim_get_current_buf()
    check(sheet ~= buf, 'no new window/buffer for the fact sheet')
    eq(vim.bo[sheet].filetype, 'markdown', 'fact sheet filetype')
    local body = table.concat(vim.api.nvim_buf_get_lines(sheet, 0, -1, false), '\n')
    check(body:find('Riverside flood barrier opens two years late', 1, true), 'fact sheet without the headline:\n%s', body:sub(1, 500))
    vim.cmd('close')
  end)

  test('plain-text files (filetype text) are checked too', function()
    local dir = vim.fn.tempname()
    vim.fn.mkdir(dir, 'p')
    local file = dir .. '/brief.txt'
    local body = 'Harbour dredging delayed\n\nHarbour master Tom Reilly said the delay was regrettable.” Shipping firms were told on Monday.\n'
    local fh = assert(io.open(file, 'wb'))
    fh:write(body)
    fh:close()
    vim.cmd.edit(vim.fn.fnameescape(file))
    local tb = vim.api.nvim_get_current_buf()
    eq(vim.bo[tb].filetype, 'text', 'filetype')
    local b = find(body, '”')
    local l, c = line_col(body, b)
    local got = wait_diags(tb, function(d)
      return #d > 0
    end, 'on the .txt file')
    check(vim.tbl_contains(diag_keys(got), key('ATT006', l, c, l, c + #'”')), 'ATT006 on the stray closing mark; got %s', vim.inspect(diag_keys(got)))
    eq(diag_keys(got), cli_keys(body, 'txt'), 'diagnostics vs copydesk check')
    vim.fn.delete(dir, 'rf')
  end)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  failed = failed + 1
  out('FAIL ' .. tostring(err))
end
finish()
