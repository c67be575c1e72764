"""notifyd: watches mailboxes for Amazon seller performance notices and makes sure none is missed."""

__version__ = "0.1.0"
