#!/bin/sh
# Builds the sample's bootstrap: a static Linux binary using only Go's standard library.
# Usage: ./build.sh [VERSION]   (VERSION is baked into the answers; default 1)
set -eu
cd "$(dirname "$0")"
mkdir -p build/hello
CGO_ENABLED=0 GOOS=linux GOARCH="${GOARCH:-amd64}" \
  go build -trimpath -ldflags "-s -w -X main.version=${1:-1}" -o build/bootstrap.tmp ./hello
# Built outside the CodeUri folder, then renamed into place: `outlet deploy --watch` sees one
# change, the finished binary (it would also wait for a half-written file to settle).
mv build/bootstrap.tmp build/hello/bootstrap
