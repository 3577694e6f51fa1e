"""Text that must travel in XML documents (feeds, sitemaps)."""

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters; a feed drops them rather than fail."""
    return _CONTROL.sub("", text)
