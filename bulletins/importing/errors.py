"""The one error an import reports to its user, whatever went wrong."""


class BulletinImportError(Exception):
    """A file that cannot be imported, with a translatable message for the person importing.

    The command turns it into a CommandError, the admin page into a form error; nothing has
    been written when it is raised.
    """

    def __init__(self, message, **params):
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self):
        return str(self.message) % self.params if self.params else str(self.message)
