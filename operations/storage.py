"""Media files on disk, and what happens when the disk refuses them."""

import errno
import logging

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)
# Not the file's fault, nor the uploader's: the media disk is full, read-only or failing.
DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EIO, errno.EACCES}


class MediaWriteError(Exception):
    """The media disk refused a file; nothing of it is left behind (operations.failures
    turns this into a clear message, and the request's transaction is rolled back)."""


class MediaStorage(FileSystemStorage):
    """The media files on disk; a write that fails half-way leaves no partial file."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno not in DISK_ERRORS:
                raise
            # Django created the file exclusively under this new name before writing to it.
            path = self.path(name)
            try:
                self.delete(name)
            except OSError:
                logger.exception("Could not remove the partial file %s", path)
            logger.error("The media disk refused %s: %s", path, error)
            raise MediaWriteError(name) from error
