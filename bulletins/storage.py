"""Where images uploaded through the editor are kept."""

import uuid
from pathlib import PurePosixPath

from operations.storage import MediaStorage


class EditorImageStorage(MediaStorage):
    """Stores editor uploads under images/ with unguessable names.

    The uploader's file name is dropped: it may leak information and is no use to readers.
    """

    def get_available_name(self, name, max_length=None):
        suffix = PurePosixPath(name).suffix.lower()
        return super().get_available_name(f"images/{uuid.uuid4().hex}{suffix}", max_length)
