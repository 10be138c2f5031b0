#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The heatmap of recite stats puts each day in its weekday's row (Monday
# first, Sunday last) and its week's column, whatever the time zone and the
# hour the day starts; without --day-start that hour is the day_start_hour
# setting the review session uses.
. "$(dirname "$0")/lib.sh"
export RECITE_BANKS_DIR="$RECITE_TEST_DATA/review"
command -v sqlite3 >/dev/null || { echo "sqlite3 missing"; exit 77; }

# review_at DATE HH:MM COUNT: COUNT answers at that local time, straight into the log.
review_at() {
    local at
    at=$(date -d "$1 $2" +%s)000
    for _ in $(seq "$3"); do
        sqlite3 "$RECITE_DB" "insert into review (card_id, at, rating, state_before, state_after)
            values (1, $at, 3, '{\"state\":2,\"scheduled_days\":3}', '{}')"
    done
}
# grid: the seven rows of the heatmap, shades as digits 0-4 and one character a day.
grid() {
    sed -n '/^Reviews, last twelve months/,/ more (busiest/p' "$out" | sed -n '3,9p' |
        sed -e 's/^....//' -e 's/·/0/g' -e 's/░/1/g' -e 's/▒/2/g' -e 's/▓/3/g' -e 's/█/4/g'
}
# cell ROW FROM_RIGHT: the cell of weekday ROW (1 Monday .. 7 Sunday), FROM_RIGHT columns from the right.
cell() { grid | sed -n "$1p" | rev | cut -c"$2"; }

# The twelve months end on Wednesday 2026-11-25: the last column is the week
# of Monday 23, the one before it that of Monday 16, then that of Monday 9.
for case in "UTC 4" "America/New_York 4" "Asia/Kolkata 0" "Pacific/Auckland 4" "Europe/Berlin 0"; do
    set -- $case
    export TZ=$1 RECITE_DB="$T_DIR/$1-$2.db"
    mkdir -p "$(dirname "$RECITE_DB")"
    run_in '' review --new 0
    review_at 2026-11-15 12:00 4 # a Sunday, the busiest day
    review_at 2026-11-18 12:00 1 # a Wednesday
    review_at 2026-11-23 12:00 2 # a Monday, this week
    RECITE_NOW=$(date -d "2026-11-25 16:00" -u +%Y-%m-%dT%H:%M:%SZ) COLUMNS=80 run stats --day-start "$2"
    expect_status 0 "stats in $1"
    [ "$(cell 7 3)" = 4 ] && ok "$1, day start $2: Sunday 15 in the Sunday row, week of the 9th" \
        || fail "$1: Sunday row ends $(grid | sed -n 7p | rev | cut -c1-4 | rev)"
    [ "$(cell 3 2)" = 1 ] && ok "$1, day start $2: Wednesday 18 in the Wednesday row, week of the 16th" \
        || fail "$1: Wednesday row ends $(grid | sed -n 3p | rev | cut -c1-4 | rev)"
    [ "$(cell 1 1)" = 2 ] && ok "$1, day start $2: Monday 23 in the last week" \
        || fail "$1: Monday row ends $(grid | sed -n 1p | rev | cut -c1-4 | rev)"
    busy=$(grid | tr -d '0 \n' | wc -c)
    [ "$busy" = 3 ] && ok "$1: no other day is shaded" || fail "$1: $busy shaded days"
done

# The day a session counted an answer for is the day it shows on: stats
# starts its days at the day_start_hour setting, as review does.
export TZ=UTC RECITE_DB="$T_DIR/setting.db"
run_in '' review --new 0
run config day_start_hour 0
review_at 2026-11-23 02:00 1 # early on a Monday: Monday, when the day starts at midnight
RECITE_NOW=2026-11-25T16:00:00Z run stats
[ "$(cell 1 1)" != 0 ] && [ "$(cell 7 2)" = 0 ] && ok "an answer at 02:00 on Monday is Monday's with day_start_hour 0" \
    || fail "Monday row ends $(grid | sed -n 1p | rev | cut -c1-2 | rev), Sunday row $(grid | sed -n 7p | rev | cut -c1-2 | rev)"
RECITE_NOW=2026-11-25T16:00:00Z run stats --day-start 4
[ "$(cell 7 2)" != 0 ] && ok "--day-start wins over the setting" || fail "--day-start 4: Sunday row $(grid | sed -n 7p)"
run config day_start_hour.mini 4
RECITE_NOW=2026-11-25T16:00:00Z run stats mini
[ "$(cell 7 2)" != 0 ] && ok "a bank's own setting wins over the global one" || fail "stats mini: Sunday row $(grid | sed -n 7p)"
finish
