#!/usr/bin/env bash
# The demo county's HTML report in a real browser: renders it in headless
# Chromium and fails if the page is blank, if one of the three charts is
# missing from the rendered DOM, or if the console or the network log shows
# an error or a warning. Installs Debian's chromium and CJK fonts when they
# are absent (CI starts from a clean machine).
#
# Usage: tests/browser/report.sh [SCREENSHOT.png]   (run from anywhere)
# The screenshot of the Chinese page is kept where the argument says;
# `tests/browser/report.sh docs/report.png` renews the picture in the docs.
set -euo pipefail
cd "$(dirname "$0")/../.."

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}
if ! command -v chromium >/dev/null; then
  echo "installing chromium and fonts-noto-cjk" >&2
  apt_install chromium fonts-noto-cjk
fi
# Without a CJK font every Chinese character renders as a box.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "installing fonts-noto-cjk" >&2
  apt_install fonts-noto-cjk fontconfig
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --locked --release --quiet
for lang in zh en; do
  status=0
  target/release/taizhang report examples/demo-county --year 2025 --as-of 2025-12-31 \
    --lang "$lang" --format html -o "$work/report-$lang.html" || status=$?
  # The demo has violations (1); 2 would mean the input or the command is wrong.
  if [ "$status" -gt 1 ]; then
    echo "taizhang report --lang $lang exited $status" >&2
    exit 1
  fi
  shot="$work/report-$lang.png"
  if [ "$lang" = zh ] && [ $# -gt 0 ]; then shot=$1; fi
  echo "-- $lang"
  python3 tests/browser/check_page.py chromium "$work/report-$lang.html" "$shot" \
    chart-rules chart-committees chart-mobile
done
echo "browser test passed"
