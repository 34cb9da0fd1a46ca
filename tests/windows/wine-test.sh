#!/usr/bin/env bash
# The Windows build under wine, against the Linux build: the same JSON, the
# same exit status and the same HTML report, for the demo county and for a
# GBK ledger in directories with Chinese names given with `\` separators;
# Chinese on a pipe is UTF-8; and packaging/windows/检查台账.bat as a clerk
# uses it (a folder dropped on it) in a Chinese wine (code page 936).
#
# Usage: tests/windows/wine-test.sh   (run from anywhere, after
# scripts/windows.sh). Installs wine and the locale sources when absent.
# Headless: no display is needed, the wine prefix is new each run and lives
# under the target directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

exe=$repo/target/x86_64-win7-windows-gnu/release/taizhang.exe
if [ ! -f "$exe" ]; then
  echo "no $exe: run scripts/windows.sh first" >&2
  exit 1
fi

missing=()
for package in wine wine64 locales; do
  dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cargo build --locked --release --quiet
target_dir=$(realpath "${CARGO_TARGET_DIR:-target}")
linux=$target_dir/release/taizhang

work=$(mktemp -d "$target_dir/wine-test.XXXXXX")
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko installer (their dialogs would wait for a click), no
# menu entries or file associations written into the host's desktop.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
cleanup() {
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Windows programs under wine read their arguments and file names through
# the Unix locale's charset: UTF-8, whatever locale CI runs in.
win() { LC_ALL=C.UTF-8 wine "$@"; }
wpath() { LC_ALL=C.UTF-8 winepath -w "$1"; }

echo "-- a new wine prefix"
LC_ALL=C.UTF-8 timeout 300 wineboot -i >"$work/wineboot.log" 2>&1 || {
  cat "$work/wineboot.log" >&2
  exit 1
}
wineserver -w
win "$exe" --version

# compare NAME DIR_LINUX DIR_WINDOWS: run from the current directory, the
# same relative ledger spelled with / for Linux and \ for Windows.
compare() {
  local name=$1 linux_dir=$2 windows_dir=$3 s_linux=0 s_windows=0
  "$linux" check "$linux_dir" --format json --as-of 2025-12-31 --lang en \
    >"$work/$name.linux.json" 2>"$work/$name.linux.err" || s_linux=$?
  win "$exe" check "$windows_dir" --format json --as-of 2025-12-31 --lang en \
    >"$work/$name.windows.json" 2>"$work/$name.windows.err" || s_windows=$?
  echo "check $name: exit $s_linux on Linux, $s_windows on Windows"
  [ "$s_linux" -eq 1 ] || fail "$name: check exited $s_linux on Linux, not 1 (violations)"
  [ "$s_linux" -eq "$s_windows" ] || fail "$name: check exit status differs"
  # The JSON names the ledger as given, with / separators on both
  # (commands::shown_path): no normalisation is needed.
  grep -F "\"ledger\": \"$linux_dir\"" "$work/$name.windows.json" >/dev/null ||
    fail "$name: the Windows JSON does not name the ledger \"$linux_dir\""
  if cmp -s "$work/$name.linux.json" "$work/$name.windows.json"; then
    echo "check $name: the same JSON ($(wc -c <"$work/$name.linux.json") bytes)"
  else
    fail "$name: the JSON differs"
    diff "$work/$name.linux.json" "$work/$name.windows.json" | head -20 >&2 || true
  fi
  cmp -s "$work/$name.linux.err" "$work/$name.windows.err" ||
    fail "$name: check's standard error differs"

  s_linux=0 s_windows=0
  "$linux" report "$linux_dir" --format html --as-of 2025-12-31 \
    -o "$work/$name.linux.html" 2>/dev/null || s_linux=$?
  win "$exe" report "$windows_dir" --format html --as-of 2025-12-31 \
    -o "$(wpath "$work/$name.windows.html")" 2>/dev/null || s_windows=$?
  echo "report $name: exit $s_linux on Linux, $s_windows on Windows"
  [ "$s_linux" -eq "$s_windows" ] || fail "$name: report exit status differs"
  # The page names the ledger by its absolute path, as each system spells
  # it: each must be its own, and the pages are the same but for it.
  local windows_path
  windows_path=$(wpath "$(pwd)/$linux_dir")
  if [ ! -s "$work/$name.linux.html" ] || [ ! -s "$work/$name.windows.html" ]; then
    fail "$name: no HTML report"
  else
    grep -qF "<span class=\"ledger-path\">$(pwd)/$linux_dir</span>" "$work/$name.linux.html" ||
      fail "$name: the Linux report does not name $(pwd)/$linux_dir"
    grep -qF "<span class=\"ledger-path\">$windows_path</span>" "$work/$name.windows.html" ||
      fail "$name: the Windows report does not name $windows_path"
    for system in linux windows; do
      sed -E 's#<span class="ledger-path">[^<]*</span>##' "$work/$name.$system.html" \
        >"$work/$name.$system.pathless.html"
    done
    if cmp -s "$work/$name.linux.pathless.html" "$work/$name.windows.pathless.html"; then
      echo "report $name: the same HTML but for the path ($(wc -c <"$work/$name.linux.html") bytes)"
    else
      fail "$name: the HTML reports differ"
      cmp "$work/$name.linux.pathless.html" "$work/$name.windows.pathless.html" >&2 || true
    fi
  fi
}

echo "-- the demo county"
compare demo examples/demo-county 'examples\demo-county'

echo "-- a GBK ledger in 台账\\示范县"
# The demo's CSV files in GBK, as Excel on a Chinese Windows saves them
# (TOML is UTF-8 by definition and stays so).
python3 - "$repo/examples/demo-county" "$work/台账/示范县" <<'EOF'
import pathlib, shutil, sys
source, ledger = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
shutil.copytree(source, ledger)
converted = 0
for path in sorted(ledger.rglob("*.csv")):
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        data.decode("gbk")  # already GBK
        continue
    path.write_bytes(text.encode("gbk"))
    converted += 1
print(f"{converted} CSV files converted to GBK")
EOF
cd "$work"
compare gbk 台账/示范县 '台账\示范县'
cd "$repo"

echo "-- Chinese on a pipe"
status=0
win "$exe" check 'examples\demo-county' --as-of 2025-12-31 --lang zh >"$work/zh.windows.txt" || status=$?
"$linux" check examples/demo-county --as-of 2025-12-31 --lang zh >"$work/zh.linux.txt" || true
[ "$status" -eq 1 ] || fail "check --lang zh exited $status"
if iconv -f UTF-8 -t UTF-8 "$work/zh.windows.txt" >/dev/null && grep -q '违规' "$work/zh.windows.txt"; then
  echo "check --lang zh: valid UTF-8 with Chinese: $(tail -n 1 "$work/zh.windows.txt")"
else
  fail "check --lang zh does not write UTF-8 Chinese to a pipe"
fi
# The table's borders are ASCII on Windows (legacy consoles draw box
# characters two columns wide), box drawing elsewhere: the same set of
# border characters is taken out of both before they are compared.
unbordered() {
  python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read()
print(t.translate({ord(c): None for c in "┌┬┐│┆╞═╪╡├┼┤└┴┘─╌+|=-:"}), end="")' "$1"
}
[ "$(unbordered "$work/zh.linux.txt")" = "$(unbordered "$work/zh.windows.txt")" ] ||
  fail "check --lang zh: the table differs from Linux's"
grep -q '^+-' "$work/zh.windows.txt" || fail "check --lang zh: the Windows table has no ASCII border"

echo "-- 检查台账.bat"
bat=$repo/packaging/windows/检查台账.bat
python3 - "$bat" <<'EOF' || fail "检查台账.bat is not GBK with CRLF line ends"
import sys
data = open(sys.argv[1], "rb").read()
assert not data.startswith(b"\xef\xbb\xbf"), "a UTF-8 BOM"
assert data.count(b"\n") == data.count(b"\r\n"), "a line not ended by CRLF"
data.decode("gbk")
head = data[: data.index(b"chcp 936")]
assert head.isascii(), "non-ASCII before chcp 936"
EOF
# A Chinese Windows: the zh_CN locale makes wine's code pages 936, so cmd
# reads the batch file as GBK and writes GBK; the locale comes from the
# `locales` sources into a private directory, the system is left as it is.
mkdir -p "$work/locale"
localedef -i zh_CN -f UTF-8 "$work/locale/zh_CN.UTF-8"
zh() { LOCPATH=$work/locale LC_ALL=zh_CN.UTF-8 wine "$@"; }

echo "-- the display language, without --lang"
# Windows sets no locale variable: without --lang the user's display
# language decides, Chinese under wine's zh_CN locale, English under C.
# cmd clears the variables wine passes on from the Unix environment.
unset_locale='set LC_ALL=&set LC_MESSAGES=&set LANG=&'
bare_check="${unset_locale}$(wpath "$exe") check examples\\demo-county --as-of 2025-12-31"
for runner in zh win; do
  status=0
  "$runner" cmd /c "$bare_check" </dev/null >"$work/bare-$runner.txt" 2>&1 || status=$?
  [ "$status" -eq 1 ] || fail "check without --lang ($runner) exited $status"
  echo "check without --lang ($runner): $(tail -n 1 "$work/bare-$runner.txt")"
done
grep -q '^违规 [0-9]* 项' "$work/bare-zh.txt" || fail "check without --lang: not Chinese on a Chinese Windows"
grep -q '^[0-9]* violations' "$work/bare-win.txt" || fail "check without --lang: not English under the C locale"

# `start` opens the report with wine's winebrowser, told here to run a
# stand-in browser that notes the URL.
cat >"$work/browser" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >>"$work/opened.txt"
EOF
chmod +x "$work/browser"
win reg add 'HKCR\.html' /ve /d htmlfile /f >/dev/null
win reg add 'HKCU\Software\Wine\WineBrowser' /v Browsers /d "$work/browser" /f >/dev/null
mkdir "$work/检查工具" "$work/只有批处理"
cp "$exe" "$bat" "$work/检查工具/"
cp "$bat" "$work/只有批处理/"

# The output mixes cmd's lines (GBK) and taizhang's (UTF-8, as on a pipe;
# on a console it writes UTF-16): each line decoded as what it is.
shown() {
  python3 -c '
import sys
for line in open(sys.argv[1], "rb").read().split(b"\n"):
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("gbk", "replace")
    print(text.rstrip("\r"))
' "$1"
}
# run_bat DIR OUTPUT [ARG]: the clerk's drop; pause reads the end of input.
run_bat() {
  local dir=$1 out=$2 status=0
  shift 2
  (cd "$dir" && zh cmd /c 检查台账.bat "$@" </dev/null >"$out.raw" 2>&1) || status=$?
  shown "$out.raw" >"$out"
  return "$status"
}

name='示范县 (2025) & 城关'
cp -r "$work/台账/示范县" "$work/台账/$name"
before=$(cd "$work/台账/$name" && find . | sort)
status=0
run_bat "$work/检查工具" "$work/bat.txt" "$(wpath "$work/台账/$name")" || status=$?
grep -v '^│' "$work/bat.txt" | sed 's/^/    /'
[ "$status" -eq 1 ] || fail "检查台账.bat exited $status, not 1 (violations)"
grep -q '^违规 [0-9]* 项' "$work/bat.txt" || fail "检查台账.bat: no summary line of check --lang zh"
grep -q '检查完毕：发现不合规项' "$work/bat.txt" || fail "检查台账.bat: no verdict"
report=$work/台账/$name-合规报告.html
if [ -s "$report" ] && grep -q '</html>' "$report" && grep -q '合规' "$report"; then
  echo "检查台账.bat: the report is beside the ledger: ${report#"$work"/}"
else
  fail "检查台账.bat: no report at $report"
fi
[ "$before" = "$(cd "$work/台账/$name" && find . | sort)" ] ||
  fail "检查台账.bat wrote into the ledger"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  [ -s "$work/opened.txt" ] && break
  sleep 0.5
done
if [ -s "$work/opened.txt" ]; then
  opened=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$(head -n 1 "$work/opened.txt")")
  echo "检查台账.bat: start opened $opened"
  [ "$opened" = "file://$report" ] || fail "检查台账.bat opened $opened, not the report"
else
  echo "检查台账.bat: start opened no browser under this wine (tolerated)"
fi

status=0
run_bat "$work/检查工具" "$work/usage.txt" || status=$?
if [ "$status" -eq 2 ] && grep -q '把台账文件夹拖到' "$work/usage.txt"; then
  echo "检查台账.bat without a folder: $(head -n 1 "$work/usage.txt")"
else
  fail "检查台账.bat without a folder: exit $status, no instructions"
fi
status=0
run_bat "$work/检查工具" "$work/file.txt" "$(wpath "$work/台账/示范县/members.csv")" || status=$?
[ "$status" -eq 2 ] && grep -q '不是文件夹' "$work/file.txt" ||
  fail "检查台账.bat on a file: exit $status, no message"
status=0
run_bat "$work/只有批处理" "$work/noexe.txt" "$(wpath "$work/台账/示范县")" || status=$?
[ "$status" -eq 2 ] && grep -q '找不到检查程序 taizhang.exe' "$work/noexe.txt" ||
  fail "检查台账.bat without taizhang.exe: exit $status, no message"

if [ "$failures" -gt 0 ]; then
  echo "wine test: $failures failures" >&2
  exit 1
fi
echo "wine test passed"
