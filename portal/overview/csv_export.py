"""The overview's tables as CSV that Excel opens correctly and cannot be tricked by."""

from __future__ import annotations

import csv
import io

from .figures import Figure, Table

# Excel reads a file without a byte-order mark as the local code page, which mangles æ, ø, å.
BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str | Figure) -> str:
    if isinstance(value, Figure):
        # Whole numbers without thousands separators, so the spreadsheet reads them as numbers.
        text = str(value.value) if isinstance(value.value, int) else value.display
    else:
        text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def table_as_csv(table: Table, *, language: str = "nb") -> str:
    buffer = io.StringIO()
    # Excel set up for Norwegian splits columns on ";" (the comma is the decimal mark there).
    delimiter = "," if language == "en" else ";"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return BYTE_ORDER_MARK + buffer.getvalue()
