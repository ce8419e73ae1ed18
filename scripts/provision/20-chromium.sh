# Debian's Chromium for the browser tests (playwright-core drives /usr/bin/chromium).
if ! [ -x /usr/bin/chromium ]; then
  echo "provision: installing chromium"
  apt_install chromium
fi
