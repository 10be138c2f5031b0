# SPDX-License-Identifier: GPL-3.0-or-later
# Every external library is found through pkg-config (CMake's FindSQLite3
# for SQLite) and exposed as an imported target.
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
# Anki packages (.apkg/.colpkg): zip archives, zstd-compressed collections.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
# libzip (and the libcrypto it brings), hunspell and libxml2 (and ICU and the
# C++ runtime) are opened on first use, not linked: loading them cost every
# command about 8 M instructions at start. The name to open is the SONAME of the library
# built against, and the package that ships it is found with dpkg-query.
find_program(RECITE_READELF NAMES readelf ${CMAKE_READELF} REQUIRED)
function(recite_soname var package lib hints)
    find_library(_recite_file_${var} NAMES ${lib} HINTS ${hints} REQUIRED)
    execute_process(COMMAND "${RECITE_READELF}" -d "${_recite_file_${var}}"
        OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
    string(REGEX MATCH "Library soname: \\[([^]]+)\\]" match "${dynamic}")
    if(NOT rc EQUAL 0 OR NOT CMAKE_MATCH_1)
        message(FATAL_ERROR "cannot read the SONAME of ${_recite_file_${var}}")
    endif()
    set(soname "${CMAKE_MATCH_1}")
    set(${var} "${soname}" PARENT_SCOPE)
    # The package that ships that file, for the .deb's dependencies (Debian only).
    get_filename_component(dir "${_recite_file_${var}}" DIRECTORY)
    find_program(RECITE_DPKG_QUERY dpkg-query)
    set(owner "")
    if(RECITE_DPKG_QUERY)
        execute_process(COMMAND "${RECITE_DPKG_QUERY}" -S "${dir}/${soname}"
            OUTPUT_VARIABLE owner ERROR_QUIET)
        string(REGEX REPLACE "^([^:,]+).*" "\\1" owner "${owner}")
        string(STRIP "${owner}" owner)
    endif()
    set(${package} "${owner}" PARENT_SCOPE)
endfunction()
recite_soname(RECITE_LIBZIP_SONAME RECITE_LIBZIP_PACKAGE zip "${LIBZIP_LIBRARY_DIRS}")
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
recite_soname(RECITE_LIBXML2_SONAME RECITE_LIBXML2_PACKAGE xml2 "${LIBXML2_LIBRARY_DIRS}")
# Spelling dictionaries (hunspell-en-us at run time): a real word is no typo.
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
recite_soname(RECITE_HUNSPELL_SONAME RECITE_HUNSPELL_PACKAGE "${HUNSPELL_LIBRARIES}"
    "${HUNSPELL_LIBRARY_DIRS}")
pkg_check_modules(READLINE IMPORTED_TARGET readline)
if(NOT READLINE_FOUND)
    find_library(READLINE_LIBRARY readline REQUIRED)
    add_library(PkgConfig::READLINE UNKNOWN IMPORTED)
    set_target_properties(PkgConfig::READLINE PROPERTIES
        IMPORTED_LOCATION "${READLINE_LIBRARY}")
endif()
find_library(MATH_LIBRARY m)
