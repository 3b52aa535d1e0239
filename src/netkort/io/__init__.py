"""Import and export formats: one module per format, bytes in and records out (or back).

No Django here. Each format registers a reader and/or a writer in ``FORMATS`` so the
CLI, the web upload and the tests find it the same way. Importing this package
registers the built-in readers; detection tries them by ``Format.priority``, the most
specific first: LinkedIn, vCard, Google Contacts CSV, Outlook CSV, any spreadsheet.

    from netkort.io import FORMATS, detect, read_file
    parsed = read_file(path)            # detected by content
    parsed = read_file(path, "vcard")   # or forced
"""

from netkort.io import contacts_csv, linkedin, sheet, vcard
from netkort.io.base import FORMATS, Format, FormatError, ParsedFile, Skipped
from netkort.io.detect import detect, read_file

__all__ = [
    "FORMATS",
    "Format",
    "FormatError",
    "ParsedFile",
    "Skipped",
    "contacts_csv",
    "detect",
    "linkedin",
    "read_file",
    "sheet",
    "vcard",
]
