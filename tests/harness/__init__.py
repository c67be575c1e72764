"""Real-server test harness for notifyd: plain classes, no pytest dependency.

- ``Dovecot``: a throwaway private Dovecot 2.3 (IMAP, IMAPS, STARTTLS, XOAUTH2/OAUTHBEARER).
- ``WebhookReceiver``: an HTTP server recording Apprise json:// / form:// posts, with faults.
- ``SmtpSink``: an aiosmtpd server recording Apprise mailto:// mail (plain SMTP, AUTH ok).
- ``TcpProxy``: a TCP proxy with fault injection that also counts plain-text IMAP commands.
- ``FakeImap``: a tiny scripted IMAP server for faults Dovecot will not commit (inflated bodies).

Import as ``harness`` from tests (pytest puts tests/ on sys.path: there is no
tests/__init__.py) or as ``tests.harness`` with the repository root on sys.path; do not
mix both in one process (the classes would exist twice).
"""

from .dovecot import (
    DEFAULT_PASSWORD,
    DEFAULT_USER,
    INSTALL_HINT,
    Dovecot,
    DovecotError,
    DovecotUnavailable,
    dovecot_problem,
    free_port,
    make_hs256_jwt,
)
from .fakeimap import FakeImap
from .proxy import (
    ImapCommandParser,
    ProxyConnection,
    TcpProxy,
    command_name,
    parse_imap_commands,
)
from .smtp import SmtpMessage, SmtpSink
from .webhook import WebhookReceiver, WebhookRequest

__all__ = [
    "DEFAULT_PASSWORD",
    "DEFAULT_USER",
    "INSTALL_HINT",
    "Dovecot",
    "DovecotError",
    "DovecotUnavailable",
    "FakeImap",
    "ImapCommandParser",
    "ProxyConnection",
    "SmtpMessage",
    "SmtpSink",
    "TcpProxy",
    "WebhookReceiver",
    "WebhookRequest",
    "command_name",
    "dovecot_problem",
    "free_port",
    "make_hs256_jwt",
    "parse_imap_commands",
]
