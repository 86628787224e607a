#!/usr/bin/env bash
# Two app servers and Caddy on this machine, without Docker, against a PostgreSQL you give:
#   docs/deploy/try-locally.sh postgresql://user@127.0.0.1:5432/okr
# then open http://127.0.0.1:8080. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/../.."
url="${1:?usage: $0 postgresql://user@host:port/database}"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
for port in 8501 8502; do
  OKR_DATABASE_URL="$url" python -m streamlit run app.py --server.headless true \
    --server.address 127.0.0.1 --server.port "$port" --browser.gatherUsageStats false &
  pids+=($!)
done
OKR_APP_A=127.0.0.1:8501 OKR_APP_B=127.0.0.1:8502 OKR_PROXY_PORT=8080 \
  caddy run --config docs/deploy/Caddyfile --adapter caddyfile &
pids+=($!)
wait
