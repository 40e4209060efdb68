#!/usr/bin/env bash
# The browser test layers drive the system Chromium; say clearly how to get it when it is missing.
for bin in /usr/bin/chromium /usr/bin/chromedriver; do
  if [ ! -x "$bin" ]; then
    echo "make test: $bin is missing. Install Debian's Chromium and its driver first:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y chromium chromium-driver" >&2
    echo "(.ci/run does this for CI.)" >&2
    exit 1
  fi
done
