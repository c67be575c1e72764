"""Domain exceptions, each carrying the one line that tells a user how to fix the problem.

Every failure the CLI can print is here, each with its exit status:

    NotifydError (1)
    ├── ConfigError (2)          the configuration is invalid, one line per bad key
    │   └── RulesError (2)       a rules file under notifyd/understand/rules is invalid
    ├── ParseError               an email could not be read at all
    ├── MailboxError             a mailbox could not be reached, logged into or read
    │   └── AuthError            the server refused the credentials
    ├── NotFound                 no notice (or other named thing) with that ID
    ├── StoreError               the database cannot be opened or is from a newer notifyd
    ├── StateError               the notice is not in a state that allows the action
    └── NothingToAnswer          the notice needs no response to Amazon
"""

from __future__ import annotations


class NotifydError(Exception):
    """Base for errors the CLI turns into one line and an exit status."""

    exit_code = 1


class ConfigError(NotifydError):
    """The configuration is invalid; `problems` holds one line per bad key."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class RulesError(ConfigError):
    """A rules file under notifyd/understand/rules is invalid."""


class ParseError(NotifydError):
    """An email could not be read at all; the message says why."""


class MailboxError(NotifydError):
    """A mailbox could not be reached, logged into or read."""


class AuthError(MailboxError):
    """The server refused the credentials; retrying at once will not help."""


class NotFound(NotifydError):
    """A notice ID or other named thing does not exist."""


class StoreError(NotifydError):
    """The database file cannot be opened or is from a newer notifyd."""


class StateError(NotifydError):
    """The notice is not in a state that allows this action."""


class NothingToAnswer(NotifydError):
    """The notice needs no response to Amazon (phishing, a reinstatement)."""
