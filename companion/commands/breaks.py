"""`companion breaks` and `companion breaks --test`."""

from __future__ import annotations

import argparse
import logging
import sys
from functools import partial

from companion import breaks_service
from companion.breaks import settings_from_config
from companion.context import Context
from companion.follow_up_digest import due_follow_up_lines


def cmd_breaks(args: argparse.Namespace, context: Context) -> int:
    if args.test:
        code, line = breaks_service.send_test(terminal=sys.stdout)
        print(f"companion breaks --test: {line}", file=sys.stdout if code == 0 else sys.stderr)
        return code
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    return breaks_service.run_service(
        context.data_dir, settings_from_config(context.config), due_followups=partial(due_follow_up_lines, context.store)
    )
