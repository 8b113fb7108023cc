#!/bin/sh
# The image's health check: ready means the archive is migrated and usable (GET /q/health/ready answers 200).
# Uses what the image has — curl, bash's /dev/tcp, nc or wget — so no tool is added to the image for it.
port=${QUARKUS_HTTP_PORT:-8080}
url="http://127.0.0.1:$port/q/health/ready"
request='GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n'
if command -v curl >/dev/null 2>&1; then
  exec curl -fsS -o /dev/null --max-time 4 "$url"
elif command -v bash >/dev/null 2>&1; then
  exec bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf '$request' >&3 && head -n 1 <&3 | grep -q ' 200 '"
elif command -v nc >/dev/null 2>&1; then
  # stdin stays open a moment: some nc close the connection at its end, before the answer has come
  { printf "$request"; sleep 3; } | nc -w 4 127.0.0.1 "$port" | head -n 1 | grep -q ' 200 '
else
  exec wget -q -O /dev/null -T 4 "$url"
fi
