-- Secure Hygiene's code actions in Neovim's built-in LSP client (0.7+), headless, configured by the
-- README's own snippet (SECURE_HYGIENE_SNIPPET: the README's Lua block with the paths filled in).
-- Opens a shell script and two .env files (one git-ignored, one tracked), then applies two code
-- actions through Neovim's own vim.lsp.buf.code_action() path: "Ignore this finding on this line
-- (with reason)" (the server asks the reason with window/showMessageRequest; the user's pick is
-- simulated below) and the move of a secret to .env. Writes every buffer and prints one JSON line
-- between markers; neovim.e2e.ts checks the files on disk. Waits on events (vim.wait on a
-- predicate, checked as messages arrive), never on time alone.
--
-- Environment: SECURE_HYGIENE_SNIPPET, SECURE_HYGIENE_ROOT, SECURE_HYGIENE_TIMEOUT_MS,
-- SECURE_HYGIENE_SHELL, SECURE_HYGIENE_IGNORED_ENV, SECURE_HYGIENE_TRACKED_ENV,
-- SECURE_HYGIENE_SUPPRESS (file:line), SECURE_HYGIENE_MOVE (file:line), SECURE_HYGIENE_REASON.

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then
    io.stderr:write('actions.lua: ' .. name .. ' is not set\n')
    vim.cmd('cquit 2')
  end
  return value
end

-- Neovim turns filetype detection on after the init file; this script runs inside it, so it turns
-- it on first, as a user's session has it: the shell script and the .env are then both `sh`.
vim.cmd('filetype plugin on')

local root = env('SECURE_HYGIENE_ROOT')
local timeout = tonumber(os.getenv('SECURE_HYGIENE_TIMEOUT_MS') or '30000')
local reason = env('SECURE_HYGIENE_REASON')
local result = { files = {}, steps = {}, asked = {} }

local function emit(code)
  io.stdout:write('SECURE_HYGIENE_JSON_BEGIN\n' .. vim.fn.json_encode(result) .. '\nSECURE_HYGIENE_JSON_END\n')
  io.stdout:flush()
  vim.cmd('cquit ' .. code)
end

local function fail(message)
  result.error = message
  emit(1)
end

-- Every publication, counted per uri: "published with no diagnostics" is an event too (the quiet .env).
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  published[params.uri] = (published[params.uri] or 0) + 1
  return publish(err, params, ctx, config)
end

-- The user's answer to the server's question: the reason the test asked for, as a click on it would.
vim.lsp.handlers['window/showMessageRequest'] = function(_, params)
  table.insert(result.asked, { message = params.message, actions = vim.tbl_map(function(a) return a.title end, params.actions or {}) })
  for _, action in ipairs(params.actions or {}) do
    if action.title == reason then return action end
  end
  return vim.NIL
end

-- The README's configuration, as a user pastes it into init.lua.
dofile(env('SECURE_HYGIENE_SNIPPET'))

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, { line = d.lnum + 1, code = d.code or lsp.code, source = d.source, message = d.message })
  end
  return list
end

local function open(relative)
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. relative))
  local bufnr = vim.api.nvim_get_current_buf()
  return bufnr, vim.uri_from_bufnr(bufnr)
end

local function wait_for(what, predicate)
  if not vim.wait(timeout, predicate, 20) then fail('timed out waiting for ' .. what) end
end

local function has_code(bufnr, pattern, line)
  for _, d in ipairs(codes(bufnr)) do
    if tostring(d.code):match(pattern) and (line == nil or d.line == line) then return true end
  end
  return false
end

-- 1. A shell script (filetype sh): curl -k is a finding.
local shell = env('SECURE_HYGIENE_SHELL')
local shell_buf = open(shell)
result.steps.shell_filetype = vim.bo[shell_buf].filetype
wait_for('a tls diagnostic in ' .. shell, function() return has_code(shell_buf, '^tls/') end)
result.files[shell] = codes(shell_buf)

-- 2. The git-ignored .env: published, its secret quiet. The tracked one: flagged.
local ignored = env('SECURE_HYGIENE_IGNORED_ENV')
local ignored_buf, ignored_uri = open(ignored)
result.steps.ignored_env_filetype = vim.bo[ignored_buf].filetype
wait_for('a publication for ' .. ignored, function() return (published[ignored_uri] or 0) > 0 end)
result.files[ignored] = codes(ignored_buf)
local tracked = env('SECURE_HYGIENE_TRACKED_ENV')
local tracked_buf = open(tracked)
wait_for('a secret diagnostic in ' .. tracked, function() return has_code(tracked_buf, '^secret/') end)
result.files[tracked] = codes(tracked_buf)

-- Runs the code action whose title matches, through vim.lsp.buf.code_action() and vim.ui.select,
-- as a user picking it from the menu does.
local function apply_action(relative, line, title_pattern, done)
  local bufnr = open(relative)
  wait_for('a diagnostic on line ' .. line .. ' of ' .. relative, function() return has_code(bufnr, '^secret/', line) end)
  vim.api.nvim_win_set_cursor(0, { line, 0 })
  local offered = {}
  local picked = nil
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, title)
      if picked == nil and title:match(title_pattern) then picked = i end
    end
    if picked then on_choice(items[picked], picked) else on_choice(nil, nil) end
  end
  vim.lsp.buf.code_action()
  wait_for('the code action menu for ' .. relative, function() return #offered > 0 end)
  result.steps[relative] = { offered = offered }
  if not picked then fail('no action matching ' .. title_pattern .. ' in ' .. relative .. ': ' .. table.concat(offered, ' | ')) end
  wait_for('the action "' .. title_pattern .. '" to change ' .. relative, function() return done(bufnr) end)
  return bufnr
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

-- 3. Ignore with a reason: the server asks (window/showMessageRequest) and applies the edit.
local suppress_file, suppress_line = env('SECURE_HYGIENE_SUPPRESS'):match('^(.*):(%d+)$')
local suppress_buf = apply_action(suppress_file, tonumber(suppress_line), '^Ignore this finding on this line', function(bufnr)
  return buffer_text(bufnr):find('secure-hygiene-ignore-next-line', 1, true) ~= nil
end)
vim.cmd('silent wall')
wait_for('the suppressed finding to go', function() return not has_code(suppress_buf, '^secret/') end)
result.files[suppress_file] = codes(suppress_buf)

-- 4. Move the secret to .env: one workspace edit across the source and .env.
local move_file, move_line = env('SECURE_HYGIENE_MOVE'):match('^(.*):(%d+)$')
local move_buf = apply_action(move_file, tonumber(move_line), '^Move ', function(bufnr)
  return buffer_text(bufnr):find('process.env.', 1, true) ~= nil
end)
vim.cmd('silent wall')
wait_for('the moved finding to go', function() return not has_code(move_buf, '^secret/', tonumber(move_line)) end)
result.files[move_file] = codes(move_buf)

for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
emit(0)
