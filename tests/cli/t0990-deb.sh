#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package: builds it with CPack (prefix /usr), installs it with
# apt, runs the installed recite (version, a scripted review on the bundled
# bank in a fresh HOME, its man page and completions), then removes it.
# Needs root, dpkg, apt and dpkg-shlibdeps; skipped (77) otherwise.
. "$(dirname "$0")/lib.sh"
skip() { echo "skipped: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "not root"
for tool in dpkg apt-get cpack dpkg-shlibdeps file; do
    command -v "$tool" >/dev/null || skip "$tool missing"
done
if dpkg-query -W -f='${Status}' recite 2>/dev/null | grep -q 'install ok installed'; then
    skip "a recite package is already installed; not touching it"
fi
lock=(-o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive

build="$T_DIR/build"
if cmake -S "$RECITE_SOURCE_DIR" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DRECITE_BUILD_TESTS=OFF -DRECITE_BUILD_BENCH=OFF >"$T_DIR/cmake.log" 2>&1 &&
    cmake --build "$build" -j 2 >>"$T_DIR/cmake.log" 2>&1; then
    ok "release build with prefix /usr"
else
    tail -20 "$T_DIR/cmake.log"; fail "build"; finish
fi
if (cd "$build" && cpack -G DEB) >"$T_DIR/cpack.log" 2>&1; then ok "cpack -G DEB"
else tail -20 "$T_DIR/cpack.log"; fail "cpack"; finish; fi
deb=$(ls "$build"/recite_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && ok "built $(basename "$deb")" || { fail "no .deb"; finish; }

# What the package holds and needs.
out="$T_DIR/contents"
dpkg-deb -c "$deb" >"$out"
expect_out '\./usr/bin/recite$' "the binary"
expect_out '\./usr/share/recite/banks/nato\.bank$' "the bundled bank"
expect_out '\./usr/share/man/man1/recite\.1' "recite(1)"
expect_out '\./usr/share/man/man5/recite-bank\.5' "recite-bank(5)"
expect_out '\./usr/share/man/man5/recite-score\.5' "recite-score(5)"
expect_out '\./usr/share/bash-completion/completions/recite$' "bash completion"
expect_out '\./usr/share/zsh/vendor-completions/_recite$' "zsh completion"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3 libsodium libreadline libutf8proc libjansson libc6; do
    case $depends in *"$lib"*) ok "depends on $lib" ;; *) fail "Depends lacks $lib: $depends" ;; esac
done

# Install, use, remove.
trap 'apt-get "${lock[@]}" remove -y recite >/dev/null 2>&1; rm -rf "$T_DIR"' EXIT
if apt-get "${lock[@]}" install -y "$deb" >"$T_DIR/apt.log" 2>&1; then ok "apt-get install ./$(basename "$deb")"
else tail -20 "$T_DIR/apt.log"; fail "apt-get install"; finish; fi
out="$T_DIR/version"
/usr/bin/recite --version >"$out" 2>&1
status=$?
expect_status 0 "installed recite --version"
expect_out "^recite $(sed -n 's/^project(recite VERSION \([0-9.]*\).*/\1/p' "$RECITE_SOURCE_DIR/CMakeLists.txt")" "prints the project version"

home="$T_DIR/student"
mkdir -p "$home"
out="$T_DIR/review" err="$T_DIR/review.err"
echo | env -i HOME="$home" PATH=/usr/bin:/bin LC_ALL=C.UTF-8 /usr/bin/recite >"$out" 2>"$err"
status=$?
expect_status 0 "echo | recite exits 0"
expect_err 'imported 1 bundled bank' "the installed banks are found"
expect_out '^\[1\] nato' "the first card of the bundled bank"
expect_out '\?' "its question"
[ -f "$home/.local/share/recite/recite.db" ] && ok "the database is in the temporary HOME" || fail "no database in HOME"

out="$T_DIR/man"
man -w recite >"$out" 2>&1
status=$?
expect_status 0 "man -w recite"
expect_out '/usr/share/man/man1/recite\.1' "the installed page"
man -w 5 recite-bank >"$out" 2>&1 && ok "man -w 5 recite-bank" || fail "recite-bank(5) not found"

if apt-get "${lock[@]}" remove -y recite >"$T_DIR/apt.log" 2>&1; then ok "apt-get remove recite"
else tail -20 "$T_DIR/apt.log"; fail "apt-get remove"; fi
[ ! -e /usr/bin/recite ] && ok "the binary is gone" || fail "/usr/bin/recite remains"
trap 'rm -rf "$T_DIR"' EXIT
finish
