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
)
from companion.pipeline.model import (
    APPLIED_HINT as APPLIED_HINT,
)
from companion.pipeline.model import (
    CLOSED_STAGES as CLOSED_STAGES,
)
from companion.pipeline.model import (
    DATE_HINT as DATE_HINT,
)
from companion.pipeline.model import (
    DEBRIEF_KIND as DEBRIEF_KIND,
)
from companion.pipeline.model import (
    FEELING_RANGE as FEELING_RANGE,
)
from companion.pipeline.model import (
    FUNNEL as FUNNEL,
)
from companion.pipeline.model import (
    IN_PLAY as IN_PLAY,
)
from companion.pipeline.model import (
    MAX_LINE as MAX_LINE,
)
from companion.pipeline.model import (
    MAX_NAME as MAX_NAME,
)
from companion.pipeline.model import (
    MAX_NOTES as MAX_NOTES,
)
from companion.pipeline.model import (
    REFLECTIONS as REFLECTIONS,
)
from companion.pipeline.model import (
    RESPONSE_STAGES as RESPONSE_STAGES,
)
from companion.pipeline.model import (
    STAGES as STAGES,
)
from companion.pipeline.model import (
    TABLE as TABLE,
)
from companion.pipeline.model import (
    Application as Application,
)
from companion.pipeline.model import (
    ApplicationError as ApplicationError,
)
from companion.pipeline.model import (
    Debrief as Debrief,
)
from companion.pipeline.model import (
    Details as Details,
)
from companion.pipeline.model import (
    EditConflict as EditConflict,
)
from companion.pipeline.model import (
    Feedback as Feedback,
)
from companion.pipeline.model import (
    Move as Move,
)
from companion.pipeline.model import (
    check_applied as check_applied,
)
from companion.pipeline.model import (
    date_or_none as date_or_none,
)
from companion.pipeline.model import (
    follow_ups_due as follow_ups_due,
)
from companion.pipeline.model import (
    matches_filter as matches_filter,
)
from companion.pipeline.model import (
    next_stage as next_stage,
)
from companion.pipeline.model import (
    no_response_suggestions as no_response_suggestions,
)
from companion.pipeline.model import (
    parse_applied_date as parse_applied_date,
)
from companion.pipeline.model import (
    parse_feeling as parse_feeling,
)
from companion.pipeline.model import (
    parse_optional_date as parse_optional_date,
)
from companion.pipeline.model import (
    parse_stage as parse_stage,
)
from companion.pipeline.model import (
    previous_stage as previous_stage,
)
from companion.pipeline.model import (
    stage_label as stage_label,
)
from companion.pipeline.stats import (
    Breadth as Breadth,
)
from companion.pipeline.stats import (
    Stats as Stats,
)
from companion.pipeline.stats import (
    breadth as breadth,
)
from companion.pipeline.stats import (
    median as median,
)
from companion.pipeline.stats import (
    stage_spells as stage_spells,
)
from companion.pipeline.stats import (
    stats as stats,
)
from companion.pipeline.storage import (
    add_application as add_application,
)
from companion.pipeline.storage import (
    all_applications as all_applications,
)
from companion.pipeline.storage import (
    debriefs_for as debriefs_for,
)
from companion.pipeline.storage import (
    delete_application as delete_application,
)
from companion.pipeline.storage import (
    edit_application as edit_application,
)
from companion.pipeline.storage import (
    find_application as find_application,
)
from companion.pipeline.storage import (
    move as move,
)
from companion.pipeline.storage import (
    request_feedback as request_feedback,
)
from companion.pipeline.storage import (
    same_applications as same_applications,
)
from companion.pipeline.storage import (
    save_debrief as save_debrief,
)
from companion.pipeline.storage import (
    set_follow_up as set_follow_up,
)
from companion.pipeline.words import (
    breadth_line as breadth_line,
)
from companion.pipeline.words import (
    describe_follow_up as describe_follow_up,
)
from companion.pipeline.words import (
    feedback_request_message as feedback_request_message,
)
from companion.pipeline.words import (
    no_response_line as no_response_line,
)
from companion.pipeline.words import (
    stats_lines as stats_lines,
)
