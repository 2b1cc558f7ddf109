-- wrk script for bench/run's "search new words" row: every request searches a
-- different county + subject pair, so the ranking is not in the cache yet
-- (a repeated search is measured by the plain "search" row). The pairs come
-- from the file named by SEARCH_WORDS, one URL-encoded query per line; each
-- wrk thread walks them from its own random starting point.
local queries = {}
for line in io.lines(os.getenv("SEARCH_WORDS")) do
  queries[#queries + 1] = line
end

local thread_number = 0
function setup(thread)
  thread_number = thread_number + 1
  thread:set("start", thread_number * math.floor(#queries / 4))
end

local position = 0
function request()
  position = position + 1
  local query = queries[((start or 0) + position) % #queries + 1]
  return wrk.format("GET", "/search/?q=" .. query)
end
