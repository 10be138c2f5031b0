# SPDX-License-Identifier: GPL-3.0-or-later
# recite_target_sanitize(tgt): adds -fsanitize=${RECITE_SANITIZE} when set.
function(recite_target_sanitize tgt)
    if(RECITE_SANITIZE)
        target_compile_options(${tgt} PRIVATE
            -fsanitize=${RECITE_SANITIZE} -fno-omit-frame-pointer
            -fno-sanitize-recover=all)
        target_link_options(${tgt} PRIVATE -fsanitize=${RECITE_SANITIZE})
    endif()
endfunction()

# recite_target_setup(tgt): POSIX 2008 feature macros, warnings and sanitizers.
function(recite_target_setup tgt)
    target_compile_definitions(${tgt} PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
    recite_target_warnings(${tgt})
    recite_target_sanitize(${tgt})
endfunction()
