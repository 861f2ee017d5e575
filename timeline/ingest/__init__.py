"""From an article (pasted, uploaded or fetched) to a stored source with candidate events.

``fetch`` gets a page from the web without letting a URL reach inside our network, ``clean``
turns bytes into an article, ``pipeline`` stores a source and its candidates in one transaction,
and ``jobs`` runs batches of articles in the background for the ingest page.
"""


class IngestError(Exception):
    """An article that cannot be ingested; the message is a sentence for the editor."""


def describe_size(size: int) -> str:
    """A size limit in words: "5 MB", "512 KB", "900 bytes"."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"
