function handler () {
  EVENT_DATA=$1
  echo "hello from the function $2" 1>&2;
  EVENTS=$(paste -sd, /tmp/ext-events.jsonl 2>/dev/null || true)
  TELEMETRY=$(paste -sd, /tmp/telemetry.jsonl 2>/dev/null || true)
  echo "{\"registered\": $(cat /tmp/register.json), \"events\": [${EVENTS}], \"telemetry\": [${TELEMETRY}]}"
}
