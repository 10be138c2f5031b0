# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for recite: commands, their actions and options, and bank
# ids from `recite bank list` where a bank is expected.
_recite_banks() {
    recite bank list 2>/dev/null | awk 'NR > 1 { print $1 }'
}

_recite() {
    local cur prev cmd i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    cmd=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --db) ((i++)) ;;
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    case $prev in
    --db | -o | --output | --from-csv) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --mode | -m) COMPREPLY=($(compgen -W "auto typed choice flash" -- "$cur")); return ;;
    esac
    case $cmd in
    "") COMPREPLY=($(compgen -W "bank db fsrs help quiz review stats --db --version --help" -- "$cur")) ;;
    bank)
        if [ "$prev" = bank ]; then
            COMPREPLY=($(compgen -W "import export list show rm lint" -- "$cur"))
        elif [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--output --json --yes --help" -- "$cur"))
        else
            case " ${COMP_WORDS[*]} " in
            *" import "* | *" lint "*) COMPREPLY=($(compgen -f -X '!*.bank' -- "$cur") $(compgen -d -- "$cur")) ;;
            *) COMPREPLY=($(compgen -W "$(_recite_banks)" -- "$cur")) ;;
            esac
        fi ;;
    db) COMPREPLY=($(compgen -W "path info check --help" -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "bank db fsrs help quiz review stats" -- "$cur")) ;;
    fsrs)
        if [ "$prev" = fsrs ]; then
            COMPREPLY=($(compgen -W "fit eval" -- "$cur"))
        elif [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--save --json --from-csv --day-start --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_recite_banks)" -- "$cur"))
        fi ;;
    quiz)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--count --seed --tags --time-limit --mode --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_recite_banks)" -- "$cur"))
        fi ;;
    review)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--new --limit --mode --seed --day-start --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_recite_banks)" -- "$cur"))
        fi ;;
    stats)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --items --day-start --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_recite_banks)" -- "$cur"))
        fi ;;
    esac
}
complete -F _recite recite
