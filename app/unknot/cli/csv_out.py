"""CSV for sharing: the same records the JSON lists, one row each, columns in their order."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence


def write_csv(records: Sequence[dict[str, object]]) -> None:
    """The records as CSV on standard output; a nested value is written as its JSON text,
    None as an empty cell."""
    import json

    if not records:
        return
    columns = list(records[0])
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        row = []
        for name in columns:
            value = record.get(name)
            if value is None:
                value = ""
            elif isinstance(value, (dict, list)):
                value = json.dumps(value)
            row.append(value)
        writer.writerow(row)
