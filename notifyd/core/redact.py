"""Secrets out of text: which parts of a channel URL are credentials, and starring them out."""

from __future__ import annotations

# A URL's user name shorter than this is not redacted on its own (only as part of the URL).
MIN_SECRET = 6


def url_secrets(url: str) -> list[str]:
    """Parts of an Apprise URL that may be credentials: userinfo, and any long dotless piece
    (Apprise puts tokens in the host and path positions); host names and IPs have dots."""
    rest = url.split("://", 1)[-1]
    userinfo, _, hostpart = rest.rpartition("@")
    # A short user name ("d", "user") on its own would star out those letters in every log
    # line; it still goes wherever the whole URL or its credential part does.
    user, _, password = userinfo.partition(":")
    pieces = [url, rest, userinfo, password] if userinfo else [url, rest]
    if len(user) >= MIN_SECRET:  # a token in the user position (tgram://TOKEN@...)
        pieces.append(user)
    pieces = [p for p in pieces if p]
    for piece in hostpart.replace("?", "/").replace("&", "/").replace("=", "/").split("/"):
        piece = piece.split(":")[0]
        if len(piece) >= 8 and "." not in piece:
            pieces.append(piece)
    return pieces


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
