-- The init of test/editors/neovim.test.ts: Neovim with nothing but the README's configuration
-- (editors/neovim/libvirt-xml.lua) drives the language server and writes what came back to a
-- JSON file, then quits. Only Neovim's own API, for 0.7 (Debian 12's) and newer.
--   LIBVIRT_XML_CONFIG  the configuration file to load
--   LIBVIRT_XML_RESULT  where to write the JSON
--   LIBVIRT_XML_COMPLETION_AT, LIBVIRT_XML_HOVER_AT  where to ask, as line,character (0-based)
--   LIBVIRT_XML_MODE    'domain': the file given is a domain with mistakes; a network beside it
--                       ('default.xml') and a domain named as virsh names its temporary file
--                       ('virshAbC123.xml') are opened too
--                       'virsh': the file given is the one `virsh edit` opened
vim.o.swapfile = false

local config = dofile(os.getenv('LIBVIRT_XML_CONFIG'))
-- A host the pins are checked against: its CPUs show in a finding, so the settings are seen to arrive.
config.settings = { libvirtXml = { host = { cpus = '0-63', numaNodes = '0' } } }

local TIMEOUT = 20000

local function position(name)
  local line, character = os.getenv(name):match('^(%d+),(%d+)$')
  return tonumber(line), tonumber(character)
end
local result = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch, steps = {} }

-- Every publishDiagnostics, by URI: the server has spoken about a document even when it found nothing.
local published = {}
local show = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, handler_config)
  published[params.uri] = params.diagnostics
  return show(err, params, ctx, handler_config)
end

local function clients_of(bufnr)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = bufnr }) end
  local list = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do table.insert(list, client) end
  return list
end

local function wait_for(what, predicate)
  if not vim.wait(TIMEOUT, predicate, 20) then error('timed out waiting for ' .. what) end
end

-- What the user sees: vim.diagnostic's list, in the order of the document.
local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local function request(bufnr, method, line, character)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
  local answers, failure = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  if not answers then error(method .. ': ' .. tostring(failure)) end
  for _, answer in pairs(answers) do
    if answer.err or answer.error then error(method .. ': ' .. vim.inspect(answer.err or answer.error)) end
    return answer.result
  end
end

local function hover_text(bufnr, line, character)
  local hover = request(bufnr, 'textDocument/hover', line, character)
  return hover and hover.contents and hover.contents.value or ''
end

-- The buffer of a file, opened as the user would (:edit), with its FileType autocommands.
local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function attached(bufnr)
  local names = {}
  for _, client in ipairs(clients_of(bufnr)) do table.insert(names, client.name) end
  return names
end

local function domain_steps()
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.filetype = vim.bo[bufnr].filetype
  -- The client counts as attached once the server has answered initialize.
  wait_for('a language server for ' .. uri, function() return clients_of(bufnr)[1] ~= nil end)
  result.attached = attached(bufnr)
  local client = clients_of(bufnr)[1]
  -- The finding on the pin names the host of the settings. Where the client offers
  -- workspace/configuration (Neovim 0.8 and newer), the server may publish once with this
  -- machine's CPUs before it has the settings: wait for the diagnostics that have them.
  wait_for("the diagnostics of " .. uri .. " with the settings' host (CPUs 0-63)", function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.message:find('CPUs 0-63', 1, true) then return true end
    end
    return false
  end)
  result.diagnostics = diagnostics_of(bufnr)
  table.insert(result.steps, 'diagnostics')
  local items = request(bufnr, 'textDocument/completion', position('LIBVIRT_XML_COMPLETION_AT')) or {}
  result.completion = {}
  for _, item in ipairs(items.items or items) do table.insert(result.completion, item.label) end
  table.insert(result.steps, 'completion')
  result.hover = hover_text(bufnr, position('LIBVIRT_XML_HOVER_AT'))
  table.insert(result.steps, 'hover')

  -- A domain in the file virsh edit writes ($TMPDIR/virshXXXXXX.xml): the same server.
  local virsh = open(vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':h') .. '/virshAbC123.xml')
  wait_for('the diagnostics of the virsh file', function() return published[vim.uri_from_bufnr(virsh)] ~= nil end)
  result.virsh_file = { attached = attached(virsh), diagnostics = diagnostics_of(virsh), same_server = clients_of(virsh)[1] == client }
  table.insert(result.steps, 'virsh file')

  -- A network: XML, but not a domain, so the configuration leaves it alone...
  local network = open(vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':h') .. '/default.xml')
  result.network = { filetype = vim.bo[network].filetype, attached = attached(network) }
  -- ...and a client set up for every XML file (as Helix or eglot may be) gets one finding for it.
  vim.lsp.buf_attach_client(network, client.id)
  wait_for('the diagnostics of the network', function() return published[vim.uri_from_bufnr(network)] ~= nil end)
  result.network.diagnostics_when_attached = diagnostics_of(network)
  result.network.hover_when_attached = hover_text(network, 1, 4)
  table.insert(result.steps, 'network')
end

local function virsh_steps()
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.file = vim.api.nvim_buf_get_name(bufnr)
  result.filetype = vim.bo[bufnr].filetype
  -- The client counts as attached once the server has answered initialize.
  wait_for('a language server for ' .. uri, function() return clients_of(bufnr)[1] ~= nil end)
  result.attached = attached(bufnr)
  local client = clients_of(bufnr)[1]
  wait_for('the diagnostics of ' .. uri, function() return published[uri] ~= nil end)
  result.diagnostics = diagnostics_of(bufnr)
  result.hover = hover_text(bufnr, 1, 4)
  table.insert(result.steps, 'hover')
end

local function finish()
  vim.fn.writefile({ vim.json.encode(result) }, os.getenv('LIBVIRT_XML_RESULT'))
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, failure = pcall(os.getenv('LIBVIRT_XML_MODE') == 'virsh' and virsh_steps or domain_steps)
      if not ok then result.error = tostring(failure) end
      local written, why = pcall(finish)
      if not written then
        io.stderr:write('could not write the result: ' .. tostring(why) .. '\n')
        vim.cmd('cquit! 3')
      end
    end)
  end,
})
