"""Import a bulletin file (.docx, .pdf, .md, .txt) as a draft issue.

``read_bulletin`` reads and parses a file without touching the database (what ``--dry-run``
shows); ``import_bulletin`` writes the result as a draft issue in one transaction.
"""

import hashlib
import logging
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .errors import BulletinImportError
from .limits import check_size, time_limit
from .parser import Bulletin, ParseWarning, parse
from .reader import Omission, read_blocks
from .writer import import_bulletin

logger = logging.getLogger(__name__)

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
    """Read and parse within the time limit; a refusal is always a BulletinImportError.

    A file is untrusted input: whatever else a library raises on a damaged or hostile file is
    logged and reported as unreadable, never as a server error. Running out of memory is not
    the file's fault but the task's limit (operations.limits), which reports it as such.
    """
    check_size(len(data))
    try:
        with time_limit():
            blocks = read_blocks(data, Path(filename).suffix)
            bulletin = parse(blocks)
            _report_omissions(blocks, bulletin)
    except BulletinImportError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError, RecursionError,
            OSError, EOFError) as error:  # fmt: skip
        logger.exception("Unreadable bulletin file %s", filename)
        raise BulletinImportError(
            _("The file could not be read: it is damaged or not what its name says.")
        ) from error
    bulletin.source_hash = hashlib.sha256(data).hexdigest()
    bulletin.filename = Path(filename).name
    return bulletin


def _report_omissions(blocks, bulletin):
    """What the reader left out, as warnings naming the section it stood in."""
    holder = {id(block): section for section in bulletin.sections for block in section.body}
    for block in blocks:
        if isinstance(block, Omission):
            section = holder.get(id(block))
            place = (
                _("section “%(section)s”")
                % {"section": f"{section.number or ''} {section.heading}".strip()}
                if section
                else _("the header")
            )
            bulletin.warnings.append(
                ParseWarning("omission", block.message, {**block.params, "place": place})
            )
