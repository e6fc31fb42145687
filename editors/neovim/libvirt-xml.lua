-- libvirt domain XML in Neovim 0.7 or newer, with libvirt-xml-language-server.
-- Save as ~/.config/nvim/plugin/libvirt-xml.lua (Neovim runs it at start-up).
-- The server starts for XML buffers that are libvirt domains: files in libvirt's
-- configuration directories, and any XML whose root element is <domain>, such as the
-- $TMPDIR/virshXXXXXX.xml file `virsh edit` opens. Other XML is left alone.
local libvirt_xml = {
  cmd = { 'libvirt-xml-language-server', '--stdio' },
  -- The libvirtXml settings, named as in VS Code, e.g.
  -- { libvirtXml = { language = 'zh', host = { cpus = '0-15', numaNodes = '0-1' } } }
  settings = { libvirtXml = {} },
}

local home = os.getenv('HOME') or ''
local libvirt_dirs = { '/etc/libvirt/qemu/', '/etc/libvirt/lxc/', '/etc/libvirt/libxl/',
  '/etc/libvirt/ch/', '/etc/libvirt/bhyve/', home .. '/.config/libvirt/qemu/' }

local function is_domain(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  for _, dir in ipairs(libvirt_dirs) do
    -- A file right in the directory: qemu/networks/*.xml are networks.
    if name:sub(1, #dir) == dir and not name:find('/', #dir + 1, true) then return true end
  end
  -- Else the root element, after an XML declaration, comments and a DOCTYPE.
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, 50, false), '\n')
  local at = 1
  while true do
    local _, stop = text:find('^%s*<%?.-%?>', at)
    if not stop then _, stop = text:find('^%s*<!%-%-.-%-%->', at) end
    if not stop then _, stop = text:find('^%s*<!DOCTYPE[^>]*>', at) end
    if not stop then break end
    at = stop + 1
  end
  return text:match('^%s*<([%w_.:-]+)', at) == 'domain'
end

local client_id -- Neovim 0.7: one server for every domain buffer

local function start(bufnr)
  local config = {
    name = 'libvirt-xml',
    cmd = libvirt_xml.cmd,
    settings = libvirt_xml.settings,
    -- The settings go to the server as it starts (Neovim 0.7 offers no workspace/configuration).
    on_init = function(client)
      client.rpc.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
    on_attach = function(_, buf)
      vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc' -- completion: CTRL-X CTRL-O
      vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = buf })
    end,
  }
  if vim.lsp.start then -- Neovim 0.8 and newer
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  if not (client_id and vim.lsp.get_client_by_id(client_id)) then
    client_id = vim.lsp.start_client(config)
  end
  if client_id then vim.lsp.buf_attach_client(bufnr, client_id) end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'xml',
  group = vim.api.nvim_create_augroup('libvirt_xml', { clear = true }),
  callback = function(args)
    if is_domain(args.buf) then start(args.buf) end
  end,
})

return libvirt_xml
