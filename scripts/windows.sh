#!/usr/bin/env bash
# Cross-builds taizhang.exe for Windows 7 and later on Debian 12, for the
# tests under wine (tests/windows/wine-test.sh). Releases are built by
# .github/workflows/release.yml with the standard toolchain on Windows;
# this build is a test build only.
#
#   scripts/windows.sh        (run from anywhere; no environment needed)
#
# Writes target/x86_64-win7-windows-gnu/release/taizhang.exe under the
# repository (also when CARGO_TARGET_DIR puts cargo's output elsewhere: the
# .exe is copied there).
#
# rustup's targets cannot be downloaded here (no network to rust-lang.org),
# and x86_64-win7-windows-gnu is a tier-3 target without a prebuilt std in
# any case. So: Debian's rustc-web and cargo-web (in /usr/bin, the machine's
# rustup toolchain stays first on PATH and untouched), std compiled from
# Debian's rust-web-src with cargo's -Z build-std (RUSTC_BOOTSTRAP=1 allows
# the unstable flag on this stable compiler), linked by mingw-w64's gcc.
# Installs what is missing with apt-get (sudo when not root).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

triple=x86_64-win7-windows-gnu
packages=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64-win32)

apt_install() {
  echo "installing $*" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' ||
    missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

# Debian's toolchain by absolute path: `cargo` and `rustc` on PATH are
# rustup's, which has no Windows std.
cargo=/usr/bin/cargo
export RUSTC=/usr/bin/rustc
# The win32-threads flavour of mingw-w64's gcc: its libgcc needs no
# libwinpthread-1.dll beside the .exe.
linker=/usr/bin/x86_64-w64-mingw32-gcc-win32
[ -x "$linker" ] || linker=x86_64-w64-mingw32-gcc

# Debian 12's own rustc-web is 1.85; bookworm-security brings 1.96 (what
# apt-get installs after apt-get update). 1.85 cannot do: it has no
# x86_64-win7-windows-gnu target (1.86), the crate and its dependencies use
# let chains (1.88), and askama_derive 0.16 calls proc_macro's
# Span::local_file (1.88), which no flag of 1.85 provides.
release() { "$RUSTC" -vV | sed -n 's/^release: //p'; }
too_old() { [ "$(release | cut -d. -f2)" -lt 88 ]; }
if too_old; then apt_install rustc-web cargo-web rust-web-src; fi
if too_old; then
  echo "Debian's rustc-web is $(release); the build needs 1.88 or later" \
    "(bookworm-security has it: is it in the apt sources?)" >&2
  exit 1
fi
# -Z build-std compiles std from $sysroot/lib/rustlib/src/rust, which
# rust-web-src links to /usr/src/rustc-VERSION.
sysroot=$("$RUSTC" --print sysroot)
if [ ! -f "$sysroot/lib/rustlib/src/rust/library/std/Cargo.toml" ]; then
  echo "no std sources in $sysroot/lib/rustlib/src/rust (rust-web-src $(release))" >&2
  exit 1
fi

export RUSTC_BOOTSTRAP=1
export "CARGO_TARGET_$(echo "$triple" | tr a-z- A-Z_)_LINKER=$linker"
target_dir=${CARGO_TARGET_DIR:-$repo/target}
"$cargo" build --locked --release --target "$triple" \
  -Z build-std=std,panic_abort --config 'profile.release.panic="abort"' \
  --target-dir "$target_dir"

exe=$target_dir/$triple/release/taizhang.exe
wanted=$repo/target/$triple/release/taizhang.exe
if [ "$(realpath -m "$exe")" != "$(realpath -m "$wanted")" ]; then
  mkdir -p "$(dirname "$wanted")"
  cp "$exe" "$wanted"
fi
echo "built ${wanted#"$repo"/}" >&2
