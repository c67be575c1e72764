"""Bytes in: IMAP and files, parsing, and the pipeline that files each email."""
