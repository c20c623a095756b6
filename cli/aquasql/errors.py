"""One exception type for every failure a user can fix, with what went wrong and how to fix it."""


class AquasqlError(Exception):
    """A failure reported as one clear message (and an optional hint) with a non-zero exit."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class AquasqlUsageError(AquasqlError):
    """Bad input found once the database is read (an unknown profile, say): a usage error, exit 2."""

    exit_code = 2


def ident(name: str) -> str:
    """A name as SQL writes it: a quoted identifier ("it's a db"), for messages and hints."""
    return '"' + name.replace('"', '""') + '"'
