"""One exception type for every failure a user can fix, with what went wrong and how to fix it."""


class AquasqlError(Exception):
    """A failure reported as one clear message (and an optional hint) with a non-zero exit."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
