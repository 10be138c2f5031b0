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
# libzip (and the libcrypto it brings) is opened on first use, not linked:
# loading it cost every command about 5 M instructions at start. The name to
# open is the shared object's SONAME, read from the library built against.
find_library(RECITE_LIBZIP_FILE NAMES zip HINTS ${LIBZIP_LIBRARY_DIRS} REQUIRED)
find_program(RECITE_READELF NAMES readelf ${CMAKE_READELF} REQUIRED)
execute_process(COMMAND "${RECITE_READELF}" -d "${RECITE_LIBZIP_FILE}"
    OUTPUT_VARIABLE _recite_zip_dynamic RESULT_VARIABLE _recite_zip_rc)
string(REGEX MATCH "Library soname: \\[([^]]+)\\]" _recite_zip_match "${_recite_zip_dynamic}")
if(NOT _recite_zip_rc EQUAL 0 OR NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "cannot read the SONAME of ${RECITE_LIBZIP_FILE}")
endif()
set(RECITE_LIBZIP_SONAME "${CMAKE_MATCH_1}")
# Debian names the runtime package after the SONAME: libzip.so.4 -> libzip4.
string(REGEX REPLACE "^lib(.*)\\.so\\.([0-9]+)$" "lib\\1\\2" RECITE_LIBZIP_PACKAGE
    "${RECITE_LIBZIP_SONAME}")
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
