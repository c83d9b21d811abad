"""Command handlers: one module per area, each imported only when its command runs.

COMMANDS is the registry: each command's handler ("module:function") and one line of help.
Its arguments live in `companion.arguments`, which only a command line that needs argparse imports.
"""

COMMANDS: dict[str, tuple[str, str]] = {
    "win": ("companion.commands.wins:cmd_win", "log a small win (no text: a one-line prompt)"),
    "wins": ("companion.commands.wins:cmd_wins", "list your wins, newest first"),
    "app": ("companion.commands.apps:cmd_app", "add or move an application"),
    "apps": ("companion.commands.apps:cmd_apps", "list applications"),
    "interview": ("companion.commands.interviews:cmd_interview", "add, edit or delete an interview"),
    "interviews": ("companion.commands.interviews:cmd_interviews", "list interviews (upcoming; --all for every one)"),
    "person": ("companion.commands.people:cmd_person", "add, note, edit or delete a person in your network"),
    "people": ("companion.commands.people:cmd_people", "list the people in your network (--due: time to get in touch)"),
    "stats": ("companion.commands.insights:cmd_stats", "the funnel, sources, time in stage and weekly effort"),
    "journal": ("companion.commands.insights:cmd_journal", "read back your debriefs, thought records and feedback"),
    "review": ("companion.commands.insights:cmd_review", "the week in review, as Markdown"),
    "card": ("companion.commands.cards:cmd_card", "print today's reframing card"),
    "breaks": ("companion.commands.breaks:cmd_breaks", "run break and follow-up reminders"),
    "export": ("companion.commands.transfer:cmd_export", "export your data"),
    "import": ("companion.commands.transfer:cmd_import", "import applications or a backup"),
    "config": ("companion.commands.config:cmd_config", "show or edit settings"),
    "recover": ("companion.commands.recover:cmd_recover", "set an unreadable data file aside"),
}
