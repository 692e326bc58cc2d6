#!/usr/bin/env bash
# Run before `npm test`: the browser tests drive Debian's Chromium. Installs it with apt when it is
# missing and this machine allows it (root, apt-get); otherwise says in one line what to do.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (apt-get)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
echo "no /usr/bin/chromium: the browser tests will fail; install it with: apt-get install -y chromium" >&2
exit 0
