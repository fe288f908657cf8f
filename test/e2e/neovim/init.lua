-- Secure Hygiene in Neovim's built-in LSP client (Neovim 0.7+), headless.
-- Starts the built server over stdio, opens each file, waits for diagnostics on every one of them
-- (vim.wait: the event loop keeps running, the predicate is checked as messages arrive), prints
-- them as one JSON line between markers and quits. Non-zero exit when they do not arrive.
--
-- Environment: SECURE_HYGIENE_NODE (node binary), SECURE_HYGIENE_SERVER (dist/server.js),
-- SECURE_HYGIENE_ROOT (workspace folder), SECURE_HYGIENE_FILES (paths relative to the root,
-- separated by ":"), SECURE_HYGIENE_TIMEOUT_MS.

local env = function(name)
  local value = os.getenv(name)
  if value == nil or value == '' then
    io.stderr:write('init.lua: ' .. name .. ' is not set\n')
    vim.cmd('cquit 2')
  end
  return value
end

local node = env('SECURE_HYGIENE_NODE')
local server = env('SECURE_HYGIENE_SERVER')
local root = env('SECURE_HYGIENE_ROOT')
local files = vim.split(env('SECURE_HYGIENE_FILES'), ':', { plain = true })
local timeout = tonumber(os.getenv('SECURE_HYGIENE_TIMEOUT_MS') or '30000')

local function emit(result, code)
  io.stdout:write('SECURE_HYGIENE_JSON_BEGIN\n' .. vim.fn.json_encode(result) .. '\nSECURE_HYGIENE_JSON_END\n')
  io.stdout:flush()
  vim.cmd('cquit ' .. code)
end

local client_id = vim.lsp.start_client({
  name = 'secure-hygiene',
  cmd = { node, server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
  on_exit = function(code, signal)
    if code ~= 0 and signal ~= 15 then io.stderr:write('server exited with ' .. code .. '/' .. signal .. '\n') end
  end,
})
if not client_id then emit({ error = 'vim.lsp.start_client failed' }, 1) end

local buffers = {}
for _, relative in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. relative))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  buffers[relative] = bufnr
end

local function all_have_diagnostics()
  for _, bufnr in pairs(buffers) do
    if #vim.diagnostic.get(bufnr) == 0 then return false end
  end
  return true
end

local arrived = vim.wait(timeout, all_have_diagnostics, 20)

local result = { files = {} }
local client = vim.lsp.get_client_by_id(client_id)
if client and client.server_capabilities then
  result.codeActionProvider = client.server_capabilities.codeActionProvider ~= nil
end
local severities = { 'error', 'warning', 'info', 'hint' }
for relative, bufnr in pairs(buffers) do
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      line = d.lnum + 1,
      col = d.col + 1,
      severity = severities[d.severity] or tostring(d.severity),
      source = d.source,
      code = d.code or lsp.code,
      message = d.message,
    })
  end
  result.files[relative] = list
end

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)

if not arrived then
  result.error = 'no diagnostics within ' .. timeout .. ' ms for every file'
  emit(result, 1)
end
emit(result, 0)
