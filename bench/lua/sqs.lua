-- wrk script: SQS round trips over AWS JSON 1.0 (POST /, X-Amz-Target: AmazonSQS.<Op>), one
-- connection per wrk thread (run with -tN -cN) so that each thread's state drives its own loop:
--   send BENCH_SQS_BATCH messages (SendMessageBatch, or SendMessage when it is 1),
--   receive up to as many (ReceiveMessage, no wait), delete what came (DeleteMessageBatch, or
--   DeleteMessage), and again. An empty receive goes back to sending.
-- BENCH_SQS_MODE=GetQueueUrl instead repeats GetQueueUrl (the edge and protocol, no messages).
-- Environment: BENCH_SQS_QUEUE_URL, BENCH_SQS_BATCH (1..10), BENCH_SQS_REGION, BENCH_SQS_MODE.
-- The Authorization header has the shape of SigV4 for service sqs (Outlet's default --auth does
-- not verify signatures; the region is taken from its credential scope).
-- Prints one machine-readable line at the end for bench/run:
--   BENCH_RESULT {"requests":N,"duration_us":N,"errors":N,"non2xx":N,"deleted":N,"sent":N,...}
local queue = assert(os.getenv("BENCH_SQS_QUEUE_URL"), "BENCH_SQS_QUEUE_URL is needed")
local batch = tonumber(os.getenv("BENCH_SQS_BATCH") or "10")
local region = os.getenv("BENCH_SQS_REGION") or "us-east-1"
local mode = os.getenv("BENCH_SQS_MODE") or "roundtrip"
local queue_name = queue:match("([^/]+)$")

local headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Date"] = "20260101T000000Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/" .. region
    .. "/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
    .. string.rep("0", 64),
}

-- a 100-byte body for every message
local message = string.rep("m", 100)

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

-- per thread (one connection): the step the next request makes, and what it counts
phase = "send"
handles = {}
sent = 0
received = 0
deleted = 0
empty = 0

local function call(op, body)
  headers["X-Amz-Target"] = "AmazonSQS." .. op
  return wrk.format("POST", "/", headers, body)
end

local function send_body()
  if batch == 1 then
    return call("SendMessage", '{"QueueUrl":"' .. queue .. '","MessageBody":"' .. message .. '"}')
  end
  local entries = {}
  for i = 1, batch do
    entries[i] = '{"Id":"m' .. i .. '","MessageBody":"' .. message .. '"}'
  end
  return call("SendMessageBatch",
    '{"QueueUrl":"' .. queue .. '","Entries":[' .. table.concat(entries, ",") .. ']}')
end

local function delete_body()
  if #handles == 1 then
    return call("DeleteMessage",
      '{"QueueUrl":"' .. queue .. '","ReceiptHandle":"' .. handles[1] .. '"}')
  end
  local entries = {}
  for i, h in ipairs(handles) do
    entries[i] = '{"Id":"d' .. i .. '","ReceiptHandle":"' .. h .. '"}'
  end
  return call("DeleteMessageBatch",
    '{"QueueUrl":"' .. queue .. '","Entries":[' .. table.concat(entries, ",") .. ']}')
end

function request()
  if mode == "GetQueueUrl" then
    return call("GetQueueUrl", '{"QueueName":"' .. queue_name .. '"}')
  elseif phase == "send" then
    return send_body()
  elseif phase == "receive" then
    return call("ReceiveMessage",
      '{"QueueUrl":"' .. queue .. '","MaxNumberOfMessages":' .. batch .. ',"WaitTimeSeconds":0}')
  else
    return delete_body()
  end
end

local function count(body, pattern)
  local n = 0
  for _ in body:gmatch(pattern) do
    n = n + 1
  end
  return n
end

function response(status, _, body)
  if mode == "GetQueueUrl" or status ~= 200 then
    phase = "send"
    return
  end
  if phase == "send" then
    sent = sent + (batch == 1 and 1 or count(body, '"MessageId"'))
    phase = "receive"
  elseif phase == "receive" then
    handles = {}
    for h in body:gmatch('"ReceiptHandle":"([^"]+)"') do
      handles[#handles + 1] = h
    end
    received = received + #handles
    if #handles == 0 then
      empty = empty + 1
      phase = "send"
    else
      phase = "delete"
    end
  else
    if #handles == 1 then
      deleted = deleted + 1
    else
      -- the entries of "Successful" carry an Id and nothing else
      deleted = deleted + count(body:match('"Successful":%[(.-)%]') or "", '"Id"')
    end
    phase = "send"
  end
end

function done(summary, latency, requests)
  local totals = { sent = 0, received = 0, deleted = 0, empty = 0 }
  for _, t in ipairs(threads) do
    for k in pairs(totals) do
      totals[k] = totals[k] + (t:get(k) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,' ..
    '"sent":%d,"received":%d,"deleted":%d,"empty_receives":%d,' ..
    '"min_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    totals.sent, totals.received, totals.deleted, totals.empty,
    latency.min, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
