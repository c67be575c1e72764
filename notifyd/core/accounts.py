"""Which seller account a notice belongs to (a mailbox's `account`), and routing channels by it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from notifyd.core.settings import ChannelConfig, Settings

# `notifyd import` stores its notices under this mailbox name; it has no account of its own.
IMPORT_MAILBOX = "import"


def account_names(settings: Settings) -> dict[str, str]:
    """mailbox name -> the account shown for it: `account` when set, else the mailbox's name."""
    return {box.name: box.account or box.name for box in settings.mailbox}


def account_of(mailbox: str | None, settings: Settings) -> str | None:
    """The account a notice from `mailbox` is shown under; None for imports and mailboxes no
    longer configured (their notices stay readable, they just carry no account line)."""
    if not mailbox or mailbox == IMPORT_MAILBOX:
        return None
    return account_names(settings).get(mailbox)


def account_line(mailbox: str | None, settings: Settings) -> tuple[str, str] | None:
    """The ("Account", name) fact an alert, a list or an export shows, or None to show nothing.

    Only worth a line when someone can confuse accounts: with one mailbox and no `account`
    set, the seller knows whose notice it is.
    """
    name = account_of(mailbox, settings)
    if name is None:
        return None
    named = any(box.account for box in settings.mailbox)
    if len(settings.mailbox) < 2 and not named:
        return None
    return ("Account", name)


def shown_accounts(settings: Settings) -> dict[str, str]:
    """mailbox -> account name, for the mailboxes whose notices name their account (as
    account_line decides); what the digest and exports are given."""
    return {
        box.name: line[1]
        for box in settings.mailbox
        if (line := account_line(box.name, settings)) is not None
    }


def routes(channel: ChannelConfig, mailbox: str | None, settings: Settings) -> bool:
    """Whether `channel` takes alerts for notices of `mailbox`: a channel without `accounts`
    takes every account; otherwise the notice's account display name or mailbox name must be
    listed (case-insensitive). Imported notices have no account and go to unrestricted
    channels only."""
    if channel.accounts is None:
        return True
    wanted = {a.casefold() for a in channel.accounts}
    name = account_of(mailbox, settings)
    return (name is not None and name.casefold() in wanted) or (
        mailbox is not None and mailbox.casefold() in wanted and mailbox != IMPORT_MAILBOX
    )


def unknown_accounts(settings: Settings) -> list[str]:
    """`accounts` entries of channels that name no configured mailbox or account: a typo there
    would silently route nothing, so `check` reports them."""
    known = {n.casefold() for n in account_names(settings)} | {
        a.casefold() for a in account_names(settings).values()
    }
    problems = []
    for channel in settings.channel:
        for entry in channel.accounts or []:
            if entry.casefold() not in known:
                problems.append(
                    f"channel[{channel.name!r}].accounts: {entry!r} is no mailbox name or account; "
                    f"known: {', '.join(sorted(set(account_names(settings).values()))) or 'none'}"
                )
    return problems


def by_account(
    notices: Iterable[Mapping[str, Any]], settings: Settings
) -> dict[str | None, list[Mapping[str, Any]]]:
    """Notices grouped by account, accounts in the order their mailboxes are configured and
    notices without an account (imports) last; for a per-account digest or list."""
    order = list(dict.fromkeys(account_names(settings).values()))
    groups: dict[str | None, list[Mapping[str, Any]]] = {}
    for notice in notices:
        groups.setdefault(account_of(notice.get("mailbox"), settings), []).append(notice)
    ranked = sorted(
        groups, key=lambda a: (a is None, order.index(a) if a in order else len(order), a or "")
    )
    return {a: groups[a] for a in ranked}
