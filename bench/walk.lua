-- wrk script for bench/run's walking rows ("search new words", "article
-- walk", "article walk w/o page cache"): every request asks for a different
-- page, as crawlers and shared links do, so no cache has it yet. The paths
-- come from the file named by WALK_PATHS, one per line; each wrk thread walks
-- them from its own random starting point.
local paths = {}
for line in io.lines(os.getenv("WALK_PATHS")) do
  paths[#paths + 1] = line
end

-- A random starting point per thread and per run, so the run at the next
-- concurrency does not replay the pages the previous one already built.
math.randomseed(os.time())
function setup(thread)
  thread:set("start", math.random(#paths))
end

local position = 0
function request()
  position = position + 1
  return wrk.format("GET", paths[((start or 0) + position) % #paths + 1])
end
