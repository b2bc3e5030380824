"""The one error a reader raises for input it cannot or will not read."""


class ImportFormatError(ValueError):
    """Unreadable, oversized or unsafe input; the message is shown to the editor as is."""
