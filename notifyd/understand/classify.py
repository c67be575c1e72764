"""Read one parsed email as a seller would: where it is from, what it says, how urgent, by when.

Everything a human may want to tune lives in TOML rule files (notifyd/understand/rules/*.toml,
plus any directory passed to `load_rules`); the modules beside this one only apply them, and
are pure: no clock reads, no I/O except reading the rule files in `load_rules`.

    rules = load_rules()
    might_be_notice(sender, sender_name, subject, rules)  # cheap, header-only pre-filter
    classify(parse_email(raw), rules)                     # -> Classification
"""

from __future__ import annotations

from datetime import UTC

from notifyd.core.models import Classification, ParsedEmail
from notifyd.ingest.text import extract_links, html_to_text, links_of
from notifyd.understand.anatomy import (
    forwarded_html,
    fwd_sender_known,
    notice_text,
    segment,
)
from notifyd.understand.asks import what_amazon_asks
from notifyd.understand.deadlines import find_deadline
from notifyd.understand.decide import (
    METRIC_ISSUES,
    Reading,
    issue_and_category,
    notice_evidence,
    score_issues,
)
from notifyd.understand.facts import (
    ORDER_ID,
    SKU,
    detect_language,
    find_asins,
    find_marketplace,
    find_metrics,
)
from notifyd.understand.followup import case_ids, followup_kind
from notifyd.understand.match import Hits, Matched, normalise
from notifyd.understand.rules import Rules, default_rules_dir, load_rules
from notifyd.understand.sender import (
    FWD_SUBJECT,
    domain_of,
    is_amazon_domain,
    is_notice_sender,
    mentions_amazon,
    might_be_notice,
    phishing_reasons,
)
from notifyd.understand.severity import SeverityFacts, decide_severity

_ACTION_SIGNALS = (
    "account_deactivated",
    "deactivation_pending",
    "account_at_risk",
    "account_review",
    "verification",
    "account_reinstated",
    "listing_removed",
    "listing_reinstated",
    "listing_active",
    "no_penalty",
)

__all__ = ["Rules", "classify", "default_rules_dir", "load_rules", "might_be_notice"]


def classify(email: ParsedEmail, rules: Rules) -> Classification:
    """Read one parsed email; see the module docstring of severity.py for the severity rules."""
    if not mentions_amazon(email, rules):
        # Neither a notice nor an imitation of one can avoid naming Amazon somewhere; most
        # mail a seller gets is settled here, without the full reading below.
        # detect_language reads the first 1,500 characters; twice that survives whitespace.
        low = normalise(
            email.subject + " \n " + (email.text or html_to_text(email.html[:20000]))[:3000]
        )
        return Classification(
            is_notice=False,
            language=detect_language(low, rules),
            reasons=("does not mention Amazon",),
        )
    reasons: list[str] = []
    found = notice_text(email, rules)
    html_text, fwd, body = found.html_text, found.fwd, found.body
    notice_subject = found.subject
    forwarded = fwd is not None or bool(FWD_SUBJECT.match(email.subject))
    markup = email.html
    if fwd is not None and markup:
        markup = forwarded_html(markup, fwd)
    low_body = normalise(body)
    low_subject = normalise(notice_subject)
    low_all = low_subject + " \n " + low_body

    # Anatomy first: the parts of the notice, and the rule phrases found in each.
    parts = segment(notice_subject, body, rules)
    hits = {
        name: Hits(rules.index.match(text), rules.owners, rules.owned_regexes)
        for name, text in parts.parts.items()
    }
    subj_m = hits["subject"].text
    body_m = Matched(
        low_body,
        set().union(*(h.text.found for n, h in hits.items() if n != "subject")),
        frozenset().union(*(h.text.tokens for n, h in hits.items() if n != "subject")),
    )
    reading = Reading(hits, rules)

    # Sender: the original notice's sender when forwarded.
    origin = fwd.sender if fwd is not None and fwd.sender else email.sender
    origin_domain = domain_of(origin)
    amazon_origin = is_amazon_domain(origin_domain, rules)
    if amazon_origin:
        reasons.append(
            f"sender {origin_domain}" + (" (forwarded original)" if fwd and fwd.sender else "")
        )

    # Evidence the mail is a notice.
    issue_scores, issue_rules, behind = score_issues(reading, rules)
    flags = reading.flags()
    headings = reading.signal("notice_headings")
    structure = reading.signal("notice_structure")
    subject_notice = bool(hits["subject"].signal("notice_subject"))
    subject_issue = any(o.startswith("iss:") for o in hits["subject"].by_owner)
    looks_like_notice, ordinary = notice_evidence(
        reading, flags, max(issue_scores.values(), default=0), subject_issue
    )

    # Phishing.
    origin_name = fwd.sender_name if fwd is not None and fwd.sender else email.sender_name
    links = extract_links(body, markup) if fwd is not None else links_of(email)
    phishing = phishing_reasons(
        email,
        rules,
        origin_name,
        links,
        forwarded,
        origin_domain,
        amazon_origin,
        looks_like_notice,
        reading.signal("phishing_tells"),
        brand_claim=_brand_claim(low_subject, low_body, rules),
    )
    language = detect_language(low_subject + " " + low_body[:6000], rules)
    marketplace = (
        find_marketplace(origin_domain, low_subject, low_body, links, language, rules)
        if amazon_origin
        else None
    )
    market = rules.markets.get(marketplace or "")
    asins = find_asins(notice_subject, body, markup, html_text, links)
    skus: tuple[str, ...] = ()
    if "sku" in low_body:
        skus = tuple(sorted(dict.fromkeys(m.group(1).strip(".") for m in SKU.finditer(body))))
    order_ids = tuple(
        sorted(
            {
                m.group(0)
                for m in ORDER_ID.finditer(body)
                if body[m.start() - 1 : m.start()] not in "-"
            }
        )
    )

    if phishing:
        # Nothing a phishing mail says is reported as fact, but for what it claims to be about:
        # the store it pretends to write from and the ASINs it names (the seller checks them).
        return Classification(
            is_notice=False,
            asins=asins,
            marketplace=marketplace,
            language=language,
            suspected_phishing=True,
            reasons=tuple(reasons + phishing),
        )

    notice_origin = amazon_origin or (forwarded and not fwd_sender_known(fwd))
    never_silent = amazon_origin and is_notice_sender(origin, rules)
    if never_silent and not looks_like_notice:
        reasons.append(f"sender {origin} sends notices: never ignored")
    if not (notice_origin and (looks_like_notice or never_silent)):
        if not amazon_origin and not forwarded:
            reasons.append(f"sender {origin_domain or 'unknown'} is not Amazon")
        elif ordinary:
            reasons.append("ordinary mail: " + ", ".join(ordinary[:3]))
        else:
            reasons.append("no notice wording")
        # Ordinary mail: ASINs of a "Sold, ship now" mail are no compliance subject.
        return Classification(
            is_notice=False,
            skus=skus,
            order_ids=order_ids,
            marketplace=marketplace,
            language=language,
            reasons=tuple(reasons),
        )

    # It is a notice: what about, how urgent, by when.
    if subject_issue or subject_notice:
        reasons.append(f"subject: {notice_subject[:80]}")
    reasons.extend(f"heading: {h}" for h in (headings + structure)[:2])
    base = fwd.date_at if fwd is not None and fwd.date_at is not None else email.date_at
    zone = market.zone if market is not None else UTC
    deadline, deadline_reason = find_deadline(
        low_subject + " . " + low_body, base, zone, market, rules, subj_m.tokens | body_m.tokens
    )
    if deadline_reason:
        reasons.append(deadline_reason)
    metrics = find_metrics(body_m, rules)
    for key, value in metrics.items():
        reasons.append(f"metric: {key} {value:g}")

    issue_type, category, why = issue_and_category(issue_scores, issue_rules, flags, rules, low_all)
    reasons.extend(why)
    if issue_type in behind:
        reasons.extend(
            f"phrase: {p[:50]!r} in {part}" for p, part in dict.fromkeys(behind[issue_type])
        )
    for name in _ACTION_SIGNALS:
        said = reading.found(f"sig:{name}")
        if said:  # what the notice says Amazon did, and where it says so
            reasons.append(f"{name}: {said[0][0][:50]!r} in {said[0][1]}")
    unrecognised = category is None
    if unrecognised:
        reasons.append("unrecognised: Amazon notice wording but no known category")
        severity = "medium"  # nobody knows what it says: a seller should read it soon
        issue_type = "other"
    else:
        # A metric notice to an active account says the metric misses its target.
        metric_above = not flags["account_deactivated"] and issue_type in METRIC_ISSUES
        severity, sev_reason = decide_severity(
            SeverityFacts(
                account_deactivated=flags["account_deactivated"]
                and not flags["account_reinstated"],
                deactivation_pending=flags["deactivation_pending"]
                and not flags["account_reinstated"],
                account_reinstated=flags["account_reinstated"],
                account_at_risk=flags["account_at_risk"],
                account_review=flags["account_review"] or flags["verification"],
                metric_above_target=metric_above,
                listing_removed=flags["listing_removed"] and not flags["listing_active"],
                listing_reinstated=flags["listing_reinstated"],
                consequence=flags["consequence"],
                no_penalty=flags["no_penalty"],
                buyer_claim=issue_type in ("a_to_z_claim", "chargeback"),
                deadline_at=deadline,
                email_at=base,
            )
        )
        reasons.append(f"severity: {sev_reason}")
    requested, documents, respond_via = what_amazon_asks(parts, links, rules)
    if requested != ("none",):
        reasons.append("Amazon asks: " + ", ".join(requested))
    followup = followup_kind(notice_subject, parts, issue_type)
    if followup:
        reasons.append(f"follow-up: {followup}")
    return Classification(
        is_notice=True,
        followup=followup,
        case_ids=case_ids(body),
        requested=requested,
        documents=documents,
        respond_via=respond_via,
        category=category,
        issue_type=issue_type,
        asins=asins,
        skus=skus,
        order_ids=order_ids,
        deadline_at=deadline,
        severity=severity,
        marketplace=marketplace,
        language=language,
        metrics=metrics,
        unrecognised=unrecognised,
        reasons=tuple(dict.fromkeys(reasons)),
    )


def _brand_claim(low_subject: str, low_body: str, rules: Rules) -> bool:
    """The mail speaks as Amazon: the brand in its subject or in its signature lines."""
    tail = low_body[-300:]
    return any(w in low_subject or w in tail for w in rules.display_names)
