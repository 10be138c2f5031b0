# SPDX-License-Identifier: GPL-3.0-or-later
# recite_target_warnings(tgt): the project's warning set, per target.
function(recite_target_warnings tgt)
    target_compile_options(${tgt} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
        -Wmissing-prototypes -Wformat=2 -Wcast-qual -Wvla)
    if(RECITE_WERROR)
        target_compile_options(${tgt} PRIVATE -Werror)
    endif()
endfunction()
