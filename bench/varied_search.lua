-- wrk script for bench/run's "search new words" row: every request searches a
-- different county + subject pair, so the ranking is not in the cache yet
-- (a repeated search is measured by the plain "search" row). The pairs come
-- from the file named by SEARCH_WORDS, one URL-encoded query per line; each
-- wrk thread walks them from a random starting point.
local queries = {}
for line in io.lines(os.getenv("SEARCH_WORDS")) do
  queries[#queries + 1] = line
end

-- A random starting point per thread and per run, so the run at the next
-- concurrency does not replay the pairs the previous one already ranked.
math.randomseed(os.time())
function setup(thread)
  thread:set("start", math.random(#queries))
end

local position = 0
function request()
  position = position + 1
  local query = queries[((start or 0) + position) % #queries + 1]
  return wrk.format("GET", "/search/?q=" .. query)
end
