-- Pairs every page with its twin in the other language and gives it a navigation in its own
-- language: <link rel="alternate" hreflang> in the head, and a bar at the top of the body with
-- the page's language's sections and a visible switch to the same page in the other language.
-- Twins: the `rpk-twins` list of _quarto.yml ("french = english", project-relative paths
-- without extension); a page not in it is
-- paired by path (claims/cl-08.qmd <-> en/claims/cl-08.qmd) when that file exists.

local function str(v) return v and pandoc.utils.stringify(v) or nil end

local function esc(s)
  return (s:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"):gsub("'", "&#39;"))
end

local function html_path(p) return (p:gsub("%.qmd$", ".html"):gsub("%.ipynb$", ".html")) end

local function relative(from_dir, target)
  -- from_dir and target are project-relative, '/'-separated; from_dir is '' at the root
  local depth = 0
  for _ in from_dir:gmatch("[^/]+") do depth = depth + 1 end
  return string.rep("../", depth) .. target
end

local function exists(path)
  local f = io.open(path, "r")
  if f then f:close() return true end
  return false
end

function Meta(meta)
  if not quarto.doc.is_format("html") then return meta end
  local root = quarto.project.directory
  local input = quarto.doc.input_file
  if not root or not input then return meta end
  local rel = pandoc.path.make_relative(input, root):gsub("\\", "/")
  local dir = pandoc.path.directory(rel)
  if dir == "." then dir = "" end
  local lang = str(meta.lang) or "fr"

  local twins = {}
  for _, pair in ipairs(meta["rpk-twins"] or {}) do
    local fr, en = str(pair):match("^%s*(%S+)%s*=%s*(%S+)%s*$")
    if fr then twins[fr .. ".qmd"] = en .. ".qmd" end
  end
  local fr_page, en_page
  if lang == "en" then
    en_page = rel
    for fr, en in pairs(twins) do if en == rel then fr_page = fr end end
    if not fr_page and rel:match("^en/") and exists(root .. "/" .. rel:sub(4)) then fr_page = rel:sub(4) end
  else
    fr_page = rel
    en_page = twins[rel]
    if not en_page and exists(root .. "/en/" .. rel) then en_page = "en/" .. rel end
  end

  local head = {}
  local switch = ""
  if fr_page and en_page then
    for _, pair in ipairs({{"fr", fr_page}, {"en", en_page}}) do
      head[#head + 1] = string.format('<link rel="alternate" hreflang="%s" href="%s">', pair[1], esc(relative(dir, html_path(pair[2]))))
    end
    local other, other_lang, text = fr_page, "fr", "Lire en français"
    if lang ~= "en" then other, other_lang, text = en_page, "en", "Read in English" end
    switch = string.format('<a class="rpk-lang-switch" href="%s" hreflang="%s" lang="%s">%s</a>',
      esc(relative(dir, html_path(other))), other_lang, other_lang, esc(text))
  end
  if #head > 0 then quarto.doc.include_text("in-header", table.concat(head, "\n")) end

  local items = {}
  local nav = meta["rpk-nav"] and meta["rpk-nav"][lang == "en" and "en" or "fr"]
  for _, item in ipairs(nav or {}) do
    local path, text = str(item):match("^%s*(%S+)%s*=%s*(.-)%s*$")
    local href = path .. ".html"
    local current = (href == html_path(rel)) and ' aria-current="page"' or ""
    items[#items + 1] = string.format('<li><a href="%s"%s>%s</a></li>', esc(relative(dir, href)), current, esc(text))
  end
  local label = lang == "en" and "Sections" or "Rubriques"
  quarto.doc.include_text("before-body", string.format(
    '<nav class="rpk-sections" aria-label="%s"><ul>%s</ul>%s</nav>', label, table.concat(items), switch))
  return meta
end
