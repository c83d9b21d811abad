"""Applications through their stages: moves with history, follow-ups, "no response", breadth, stats.

The seed's advice this serves: keep several applications in play, follow up, ask for feedback and
turn each "no" into data. One module per job, the shape every area copies (people, interviews):

    model     the records (declared once: companion.records), stages and rules; no store, no words
    storage   reading and writing them through the Store, one transaction per change
    stats     the numbers
    words     what the person reads

This package gathers their public names: callers write `pipeline.add_application(...)`.
"""

from __future__ import annotations

from companion.pipeline.model import (
    ACTIVE_STAGES as ACTIVE_STAGES,
    APPLIED_HINT as APPLIED_HINT,
    CLOSED_STAGES as CLOSED_STAGES,
    DATE_HINT as DATE_HINT,
    DEBRIEF_KIND as DEBRIEF_KIND,
    FEELING_RANGE as FEELING_RANGE,
    FUNNEL as FUNNEL,
    IN_PLAY as IN_PLAY,
    MAX_LINE as MAX_LINE,
    MAX_NAME as MAX_NAME,
    MAX_NOTES as MAX_NOTES,
    REFLECTIONS as REFLECTIONS,
    RESPONSE_STAGES as RESPONSE_STAGES,
    STAGES as STAGES,
    TABLE as TABLE,
    Application as Application,
    ApplicationError as ApplicationError,
    Debrief as Debrief,
    Details as Details,
    EditConflict as EditConflict,
    Feedback as Feedback,
    Move as Move,
    check_applied as check_applied,
    date_or_none as date_or_none,
    follow_ups_due as follow_ups_due,
    matches_filter as matches_filter,
    next_stage as next_stage,
    no_response_suggestions as no_response_suggestions,
    parse_applied_date as parse_applied_date,
    parse_feeling as parse_feeling,
    parse_optional_date as parse_optional_date,
    parse_stage as parse_stage,
    previous_stage as previous_stage,
    stage_label as stage_label,
)
from companion.pipeline.stats import (
    Breadth as Breadth,
    Stats as Stats,
    WeeklyEffort as WeeklyEffort,
    breadth as breadth,
    median as median,
    stage_spells as stage_spells,
    stats as stats,
    weekly_effort as weekly_effort,
)
from companion.pipeline.storage import (
    add_application as add_application,
    all_applications as all_applications,
    debriefs_for as debriefs_for,
    delete_application as delete_application,
    edit_application as edit_application,
    find_application as find_application,
    move as move,
    request_feedback as request_feedback,
    same_applications as same_applications,
    save_debrief as save_debrief,
    set_follow_up as set_follow_up,
)
from companion.pipeline.words import (
    breadth_line as breadth_line,
    describe_follow_up as describe_follow_up,
    effort_lines as effort_lines,
    feedback_request_message as feedback_request_message,
    no_response_line as no_response_line,
    stats_lines as stats_lines,
)
