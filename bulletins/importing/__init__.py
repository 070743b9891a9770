"""Import a bulletin file (.docx, .pdf, .md, .txt) as a draft issue.

``read_bulletin`` reads and parses a file without touching the database (what ``--dry-run``
shows); ``import_bulletin`` writes the result as a draft issue in one transaction.
"""

import hashlib
from pathlib import Path

from .errors import BulletinImportError
from .limits import check_size, time_limit
from .parser import Bulletin, parse
from .reader import read_blocks
from .writer import import_bulletin

__all__ = ["Bulletin", "BulletinImportError", "import_bulletin", "read_bulletin", "read_bytes"]


def read_bulletin(path_or_file, filename=None) -> Bulletin:
    """Parse a path or an open binary file; ``filename`` gives the format when it is a stream."""
    if isinstance(path_or_file, str | Path):
        path = Path(path_or_file)
        try:
            check_size(path.stat().st_size)
            data = path.read_bytes()
        except OSError as error:
            raise BulletinImportError(str(error)) from error
        return read_bytes(data, filename or path.name)
    return read_bytes(path_or_file.read(), filename or getattr(path_or_file, "name", ""))


def read_bytes(data: bytes, filename: str) -> Bulletin:
    """Read and parse within the time limit; a refusal is always a BulletinImportError."""
    check_size(len(data))
    with time_limit():
        bulletin = parse(read_blocks(data, Path(filename).suffix))
    bulletin.source_hash = hashlib.sha256(data).hexdigest()
    bulletin.filename = Path(filename).name
    return bulletin
