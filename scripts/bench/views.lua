-- wrk script: POST /views/<id>, cycling through the article ids given after `--`, each
-- request from a reader wrk has not sent before (its own user agent), so that every
-- request is a view the server must count. Counts answers other than 204.

local ids = {}
local sent = 0
local unexpected = 0

function init(args)
  for _, id in ipairs(args) do
    ids[#ids + 1] = id
  end
  if #ids == 0 then
    error("give article ids after --")
  end
end

function request()
  sent = sent + 1
  local id = ids[(sent % #ids) + 1]
  return wrk.format("POST", "/views/" .. id, {
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 reader-" .. sent,
    ["Sec-Fetch-Site"] = "same-origin",
    ["Content-Length"] = "0",
  })
end

function response(status)
  if status ~= 204 then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  -- Read by bench-views.sh (one wrk thread, so this thread's counters are the totals).
  io.write(string.format("unexpected-answers %d\n", unexpected))
end
