#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/test_browser.py), idempotently.
#
# The tests drive /usr/bin/chromium through the Python playwright package; `playwright install`
# is never used because it downloads its own browser builds, which CI cannot fetch. Debian's
# package comes from the distribution mirror, which CI reaches. Needs root (CI runs as root).
set -euo pipefail

if [ ! -x /usr/bin/chromium ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi

# Fail here, with the browser's own message, rather than in the middle of a test.
/usr/bin/chromium --version
