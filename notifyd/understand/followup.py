"""Whether a notice is Amazon's answer about an earlier one, and the case IDs it names.

A follow-up is one of four kinds (issue 12 item 5):
  appeal_denied      Amazon reviewed the seller's appeal or plan and did not accept it;
  more_information   Amazon needs more from the seller before it decides;
  appeal_received    Amazon confirms it has the appeal and is reviewing it;
  reinstated         the account (issue type account_reinstated) is active again.
The first three answer something the seller sent, so besides their phrase they need a sign of
that: a "Re:" subject or words about the seller's own appeal, plan or submission. Without one, a
notice that asks for more information is a first notice, as before. The phrases are read from
the opening, cause and asks parts only: boilerplate appeal instructions ("if your appeal is
denied...") decide nothing.
"""

from __future__ import annotations

import re

from notifyd.understand.anatomy import NoticeParts

_READ_PARTS = ("subject", "opening", "cause", "asks", "body")

# Checked in this order: a denial that also asks for more is a denial first.
_KIND_PHRASES: dict[str, tuple[str, ...]] = {
    "appeal_denied": (
        "appeal has been denied",
        "appeal was denied",
        "appeal is denied",
        "denied your appeal",
        "appeal was not accepted",
        "appeal has not been accepted",
        "unable to accept your appeal",
        "cannot accept your appeal",
        "appeal was unsuccessful",
        "appeal was not successful",
        "unable to reinstate",
        "not able to reinstate",
        "cannot reinstate",
        "will not be reinstated",
        "does not address",
        "did not address",
        "did not adequately",
        "einspruch wurde abgelehnt",
        "widerspruch wurde abgelehnt",
        "nicht wiederherstellen",
        "appel a été rejeté",
        "ne pouvons pas rétablir",
        "apelación ha sido rechazada",
        "apelación fue rechazada",
        "no podemos reactivar",
        "ricorso è stato respinto",
        "non possiamo riattivare",
        "異議申し立ては承認されませんでした",
        "申诉未获批准",
        "申诉被拒绝",
    ),
    "more_information": (
        "need more information",
        "enough information",
        "sufficient information",
        "complete our review",
        "need additional information",
        "require additional information",
        "more information is needed",
        "additional information is required",
        "provide additional information",
        "provide more information",
        "is incomplete",
        "not sufficient",
        "insufficient",
        "weitere informationen",
        "zusätzliche informationen",
        "informations supplémentaires",
        "información adicional",
        "ulteriori informazioni",
        "追加情報",
        "更多信息",
        "补充信息",
    ),
    "appeal_received": (
        "received your appeal",
        "receipt of your appeal",
        "thank you for your appeal",
        "received your plan of action",
        "reviewing your appeal",
        "appeal is under review",
        "appeal is being reviewed",
        "thank you for submitting",
        "ihren einspruch erhalten",
        "reçu votre appel",
        "recibido su apelación",
        "ricevuto il suo ricorso",
        "異議申し立てを受け付けました",
        "已收到您的申诉",
    ),
}
# The seller sent something this mail answers.
_ANSWER_SIGNS = (
    "your appeal",
    "your plan of action",
    "your submission",
    "your response",
    "you submitted",
    "you provided",
    "you sent",
    "the information you",
    "the documents you",
    "ihr einspruch",
    "ihren einspruch",
    "ihr aktionsplan",
    "votre appel",
    "votre plan d'action",
    "su apelación",
    "su plan de acción",
    "il suo ricorso",
    "il tuo ricorso",
    "異議申し立て",
    "您的申诉",
)
_REPLY_SUBJECT = re.compile(r"^\s*(re|aw|wg|fw|fwd|rif|r|sv|antw|odp)\s*:", re.IGNORECASE)
# "Case ID: 1234567890", "Notification ID 7f3e-...", "complaint ID #12345678": Amazon's own
# numbers, at least six characters with a digit, so that "case of" never matches.
_CASE_ID = re.compile(
    r"\b(?:case|notification|complaint|reference|ticket)[ -]?(?:id|number|no\.?|#)\s*[:#]?\s*"
    r"([a-z0-9][a-z0-9-]{5,40})",
    re.IGNORECASE,
)


def followup_kind(subject: str, parts: NoticeParts, issue_type: str | None) -> str | None:
    """The follow-up kind of a notice, or None when it is a first notice."""
    if issue_type == "account_reinstated":
        return "reinstated"
    text = " \n ".join(parts.get(p) for p in _READ_PARTS if parts.get(p))
    answers = bool(_REPLY_SUBJECT.match(subject)) or any(s in text for s in _ANSWER_SIGNS)
    if not answers:
        return None
    for kind, phrases in _KIND_PHRASES.items():
        if any(p in text for p in phrases):
            return kind
    return None


def case_ids(text: str) -> tuple[str, ...]:
    """Amazon's case, complaint or notification IDs named in a mail, sorted and unique."""
    found = {m.group(1).lower().rstrip("-") for m in _CASE_ID.finditer(text)}
    return tuple(sorted(i for i in found if any(c.isdigit() for c in i)))
