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

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's toolchain by absolute path: `cargo` and `rustc` on PATH are
# rustup's, which has no Windows std.
cargo=/usr/bin/cargo
export RUSTC=/usr/bin/rustc
# The win32-threads flavour of mingw-w64's gcc: its libgcc needs no
# libwinpthread-1.dll beside the .exe.
linker=/usr/bin/x86_64-w64-mingw32-gcc-win32
[ -x "$linker" ] || linker=x86_64-w64-mingw32-gcc

sysroot=$("$RUSTC" --print sysroot)
if [ ! -f "$sysroot/lib/rustlib/src/rust/library/std/Cargo.toml" ]; then
  # Where cargo looks for the std sources; Debian's rust-web-src links it to
  # /usr/src/rustc-VERSION. Without the link, point cargo at them directly.
  release=$("$RUSTC" -vV | sed -n 's/^release: //p')
  library=/usr/src/rustc-$release/library
  [ -f "$library/std/Cargo.toml" ] || {
    echo "no std sources for rustc $release (rust-web-src)" >&2
    exit 1
  }
  export __CARGO_TESTS_ONLY_SRC_ROOT=$library
fi

flags=()
minor=$("$RUSTC" -vV | sed -n 's/^release: 1\.\([0-9]*\).*/\1/p')
if [ "$minor" -lt 88 ]; then
  # Debian 12's rust-web was 1.85 before bookworm-security brought a newer
  # one; the crate and some dependencies need 1.88 (let chains).
  flags+=(--ignore-rust-version)
  export CARGO_ENCODED_RUSTFLAGS='-Zcrate-attr=feature(let_chains)'
fi

export RUSTC_BOOTSTRAP=1
export "CARGO_TARGET_$(echo "$triple" | tr a-z- A-Z_)_LINKER=$linker"
target_dir=${CARGO_TARGET_DIR:-$repo/target}
"$cargo" build --locked --release --target "$triple" \
  -Z build-std=std,panic_abort --config 'profile.release.panic="abort"' \
  --target-dir "$target_dir" "${flags[@]}"

exe=$target_dir/$triple/release/taizhang.exe
wanted=$repo/target/$triple/release/taizhang.exe
if [ "$(realpath -m "$exe")" != "$(realpath -m "$wanted")" ]; then
  mkdir -p "$(dirname "$wanted")"
  cp "$exe" "$wanted"
fi
echo "built ${wanted#"$repo"/}" >&2
