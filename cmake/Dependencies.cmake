# SPDX-License-Identifier: GPL-3.0-or-later
# Every external library is found through pkg-config (CMake's FindSQLite3
# for SQLite) and exposed as an imported target.
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
# Anki packages (.apkg/.colpkg): zip archives, zstd-compressed collections.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
# Spelling dictionaries (hunspell-en-us at run time): a real word is no typo.
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
pkg_check_modules(READLINE IMPORTED_TARGET readline)
if(NOT READLINE_FOUND)
    find_library(READLINE_LIBRARY readline REQUIRED)
    add_library(PkgConfig::READLINE UNKNOWN IMPORTED)
    set_target_properties(PkgConfig::READLINE PROPERTIES
        IMPORTED_LOCATION "${READLINE_LIBRARY}")
endif()
find_library(MATH_LIBRARY m)
