"""A response draft (plan of action) in Markdown for one notice, filled with what notifyd knows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from notifyd.core.errors import NothingToAnswer
from notifyd.deliver.render import (
    METRIC_TARGETS,
    account_health_url,
    deadline_phrase,
    issue_label,
    printable,
)
from notifyd.store.rows import Event, Notice


@dataclass(frozen=True)
class Template:
    """The parts of a plan of action only the issue type decides; placeholders in [[...]]."""

    subject: str  # what the plan is about, for the acknowledgement sentence
    understanding: str  # what the seller shows they understood about the rule
    root_cause: tuple[str, ...]
    actions: tuple[str, ...]  # suggestions, as placeholders, after the recorded actions
    documents: tuple[str, ...]
    preventive: tuple[str, ...]
    ask: str  # what the seller asks for at the end, when the account or listing is not blocked
    # Owning the problem fits a missed metric; a disputed complaint calls for a careful check.
    ownership: str = "I take full responsibility for this and have reviewed every order concerned."


_METRIC_CAUSE = (
    "[[name the orders behind the figure: how many, in which period, and what they have in "
    "common (carrier, product, warehouse, marketplace, week)]]"
)

TEMPLATES: dict[str, Template] = {
    "order_defect_rate": Template(
        subject="my Order Defect Rate",
        understanding=(
            "I understand that an order counts as a defect when it receives negative feedback, an "
            "A-to-z Guarantee claim or a credit card chargeback, and that the rate must stay under "
            "1% so that buyers can trust every order placed with me."
        ),
        root_cause=(
            "[[explain the root cause: which kind of defect made up most of the rate (negative "
            "feedback, A-to-z claims or chargebacks) and why those buyers were unhappy, e.g. "
            "late delivery by one carrier, items damaged in transit, a listing that did not match "
            "the product, buyer messages left unanswered]]",
            _METRIC_CAUSE,
        ),
        actions=(
            "[[contacted every buyer with a defective order and offered a refund or replacement: "
            "how many buyers, and what came of it]]",
            "[[fixed the cause behind those orders: e.g. changed carrier for region X, corrected "
            "the listing of ASIN Y, removed a faulty batch from stock]]",
        ),
        documents=(),
        preventive=(
            "[[who checks Account Health and new feedback, claims and chargebacks, and how often "
            "(e.g. every working day at 9:00)]]",
            "[[how buyer messages are answered within 24 hours, weekends included]]",
            "[[the check each item passes before dispatch, and who does it]]",
        ),
        ask="I will keep my Order Defect Rate under 1% from now on.",
    ),
    "late_shipment_rate": Template(
        subject="my Late Shipment Rate",
        understanding=(
            "I understand that an order is late when its shipment is confirmed after the expected "
            "ship date, that the rate must stay under 4%, and that late orders leave buyers "
            "waiting and unable to track their parcel."
        ),
        root_cause=(
            "[[explain the root cause: why orders were confirmed after their ship-by date, e.g. a "
            "handling time shorter than our real packing time, confirmations entered by hand once "
            "a day, a holiday without adjusted handling time, stock not where the listing said]]",
            _METRIC_CAUSE,
        ),
        actions=(
            "[[shipped and confirmed every open order: by when]]",
            "[[set the handling time to what we actually achieve: old and new value]]",
            "[[shipment confirmation now automatic as soon as the carrier scans the parcel: "
            "which software]]",
        ),
        documents=(),
        preventive=(
            "[[a daily cut-off time, and the person who checks that every order due that day is "
            "confirmed]]",
            "[[vacation settings switched on whenever we cannot ship]]",
            "[[weekly review of the Late Shipment Rate in Account Health: by whom]]",
        ),
        ask="I will keep my Late Shipment Rate under 4% from now on.",
    ),
    "cancellation_rate": Template(
        subject="my pre-fulfilment cancel rate",
        understanding=(
            "I understand that every order I cancel before shipping it counts against the "
            "pre-fulfilment cancel rate, which must stay under 2.5%, and that each cancellation "
            "takes away an item a buyer has already chosen and paid for."
        ),
        root_cause=(
            "[[explain the root cause: why orders had to be cancelled, e.g. stock not "
            "synchronised between sales channels, quantities counted wrongly, a supplier that did "
            "not deliver, a price error]]",
            _METRIC_CAUSE,
        ),
        actions=(
            "[[corrected the quantity of every listing after a physical stock count: when]]",
            "[[set up automatic inventory synchronisation between all channels: which tool, how "
            "often it runs]]",
        ),
        documents=(),
        preventive=(
            "[[a safety buffer of units kept back from the listed quantity: how many]]",
            "[[weekly count of the fastest-selling SKUs: by whom]]",
            "[[a listing is paused at once when a supplier cannot confirm delivery]]",
        ),
        ask="I will keep my pre-fulfilment cancel rate under 2.5% from now on.",
    ),
    "valid_tracking_rate": Template(
        subject="my Valid Tracking Rate",
        understanding=(
            "I understand that every shipment must be confirmed with a tracking number the "
            "carrier recognises, under the right carrier name, and that the rate must be at least "
            "95% so that buyers can follow their orders."
        ),
        root_cause=(
            "[[explain the root cause: why shipments had no valid tracking, e.g. untracked letter "
            "post for small items, tracking numbers typed by hand, the wrong carrier chosen when "
            "confirming, a carrier Amazon does not integrate with]]",
            _METRIC_CAUSE,
        ),
        actions=(
            "[[every shipment now goes with a tracked service: which carrier and service]]",
            "[[tracking numbers are uploaded automatically from the shipping software: which]]",
        ),
        documents=(),
        preventive=(
            "[[a daily check that every confirmed order shows a valid tracking number: by whom]]",
            "[[no untracked service is used for any order, whatever its value]]",
        ),
        ask="I will keep my Valid Tracking Rate at 95% or above from now on.",
    ),
    "on_time_delivery_rate": Template(
        subject="my On-time delivery rate",
        understanding=(
            "I understand that an order is on time only when it arrives by the promised delivery "
            "date, and that the rate must be at least 90%, because the promise shown to buyers "
            "comes from my shipping settings."
        ),
        root_cause=(
            "[[explain the root cause: why parcels arrived after the promised date, e.g. transit "
            "times in the shipping template shorter than the carrier's real ones, one carrier's "
            "delays, dispatch on the last possible day]]",
            _METRIC_CAUSE,
        ),
        actions=(
            "[[corrected the transit times in the shipping template: old and new values]]",
            "[[moved the affected region or service to another carrier: which]]",
        ),
        documents=(),
        preventive=(
            "[[monthly comparison of promised and actual delivery dates per carrier: by whom]]",
            "[[dispatch on the day of the order when it arrives before the cut-off]]",
        ),
        ask="I will keep my On-time delivery rate at 90% or above from now on.",
    ),
    "trademark": Template(
        subject="a trademark complaint from a rights owner",
        understanding=(
            "I respect the intellectual property rights of brand owners and understand that a "
            "listing may use a brand's name, logo or product images only for genuine goods of that "
            "brand and only as the brand owner allows."
        ),
        root_cause=(
            "[[explain the root cause, keeping the one that is true: (a) the products are genuine "
            "goods of the brand, bought from (supplier name and address), and the listing names "
            "the brand only to describe them; or (b) our listing used the brand's name or logo "
            "without permission, e.g. in the title, keywords or images, and why]]",
        ),
        actions=(
            "[[removed the brand name, logo and images from the affected listings, or deleted "
            "them: when]]",
            "[[wrote to the rights owner at the address given in the notice and asked for a "
            "retraction: date and answer]]",
            "[[checked all our other listings for the same brand: how many found and corrected]]",
        ),
        documents=(
            "[[invoices from our supplier for the units sold, or a licence or letter of "
            "authorisation from the rights owner]]",
            "[[the rights owner's retraction, if received]]",
        ),
        preventive=(
            "[[before listing a branded product we search the trademark registers (e.g. USPTO, "
            "EUIPO, DPMA, JPO) and keep proof that we may sell it]]",
            "[[one named person approves the title, images and keywords of every new listing]]",
            "[[we buy branded products only from the brand owner or its authorised distributors]]",
        ),
        ownership="I have investigated the complaint carefully; the facts are set out below.",
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "copyright": Template(
        subject="a copyright complaint from a rights owner",
        understanding=(
            "I respect the intellectual property rights of others and understand that images, "
            "text and other content on a listing must be our own or used with the owner's "
            "permission."
        ),
        root_cause=(
            "[[explain the root cause, keeping the one that is true: (a) the images and text are "
            "our own work (who made them, and when); or (b) we used images or text copied from "
            "another source (which: the manufacturer's website, another seller) without a "
            "licence, and why]]",
        ),
        actions=(
            "[[replaced every image and description that was not ours with our own photos and "
            "text: when]]",
            "[[wrote to the rights owner at the address given in the notice and asked for a "
            "retraction: date and answer]]",
        ),
        documents=(
            "[[the original image files with their dates, or the licence that allows their use]]",
        ),
        preventive=(
            "[[we publish only our own photos and text, or content with a written licence kept on "
            "file]]",
            "[[one named person checks the source of every image before a listing goes live]]",
        ),
        ownership="I have investigated the complaint carefully; the facts are set out below.",
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "patent": Template(
        subject="a patent complaint from a rights owner",
        understanding=(
            "I respect the patent rights of others and understand that I may not sell a product "
            "that practises a patent without the patent owner's permission."
        ),
        root_cause=(
            "[[explain the root cause, keeping the one that is true: (a) the product does not "
            "practise the patent (its number), for the reasons set out in a legal opinion or a "
            "claim-by-claim comparison; or (b) the product is covered by the patent and we did "
            "not check before sourcing it (from whom)]]",
        ),
        actions=(
            "[[stopped selling the product, removed remaining stock, stopped orders with the "
            "supplier: when]]",
            "[[wrote to the rights owner at the address given in the notice: date and answer]]",
        ),
        documents=(
            "[[a licence from the patent owner, the owner's retraction, or a legal opinion of "
            "non-infringement]]",
        ),
        preventive=(
            "[[before sourcing a product we search patent databases (e.g. Google Patents, "
            "Espacenet) for its design and function and keep the result]]",
            "[[we ask every supplier for written confirmation that its products are free of "
            "third-party patents]]",
        ),
        ownership="I have investigated the complaint carefully; the facts are set out below.",
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "intellectual_property": Template(
        subject="an intellectual property complaint",
        understanding=(
            "I respect the intellectual property rights of others and understand that I may sell "
            "only genuine products and use only names, images and designs I am allowed to use."
        ),
        root_cause=(
            "[[explain the root cause: which right the complaint is about (trademark, copyright, "
            "design, patent or selective distribution), and either why our products and listings "
            "do not infringe it or how they came to infringe it]]",
        ),
        actions=(
            "[[corrected or deleted the affected listings: when]]",
            "[[wrote to the rights owner at the address given in the notice and asked for a "
            "retraction: date and answer]]",
        ),
        documents=(
            "[[supplier invoices, a licence, authorisation from the rights owner or its "
            "retraction]]",
        ),
        preventive=(
            "[[the check every new product and listing passes for third-party rights before it "
            "goes live, and who does it]]",
        ),
        ownership="I have investigated the complaint carefully; the facts are set out below.",
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "product_authenticity": Template(
        subject="complaints about the authenticity of products I sold",
        understanding=(
            "I understand that Amazon allows only authentic products to be sold and that I must "
            "be able to show where every unit came from, so that buyers receive exactly what they "
            "ordered."
        ),
        root_cause=(
            "[[explain the root cause: where the units came from (supplier name, address, "
            "website), and why buyers may have doubted them, e.g. new packaging from the brand, a "
            "returned unit resold as new, a supplier that is not an authorised distributor]]",
        ),
        actions=(
            "[[removed all remaining units from sale and inspected them: what was found]]",
            "[[stopped buying from the supplier concerned; we now buy only from the brand owner or "
            "its authorised distributors: name them]]",
        ),
        documents=(
            "[[supplier invoices from the last 365 days covering at least the units sold: "
            "supplier name, address, phone and website, quantities and dates (prices may be "
            "blacked out)]]",
            "[[a letter of authorisation from the brand owner, if any]]",
        ),
        preventive=(
            "[[how every new supplier is checked before the first order]]",
            "[[returned items are inspected; anything opened or in doubt is not sold as new]]",
        ),
        ownership="I have checked the supply chain of every unit concerned; the facts are set out below.",
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "product_condition": Template(
        subject="complaints about the condition of products I sold",
        understanding=(
            "I understand that every item must arrive in the condition stated on the listing, and "
            "that an item sold as new must be unused, undamaged and in its original packaging."
        ),
        root_cause=(
            "[[explain the root cause: why buyers received items in a worse condition than "
            "listed, e.g. returns resold as new without inspection, weak packaging, damage in "
            "storage, the wrong condition chosen when listing]]",
        ),
        actions=(
            "[[inspected all remaining stock of the affected ASINs: how many units removed]]",
            "[[returned items are now inspected and relisted under the right used condition, or "
            "disposed of]]",
            "[[improved packaging: what changed]]",
        ),
        documents=(),
        preventive=(
            "[[a written check at packing: what is checked, and who signs it]]",
            "[[for FBA stock: monthly review of customer returns and removal of damaged units]]",
        ),
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "product_safety": Template(
        subject="a safety concern about a product I sold",
        understanding=(
            "I understand that the safety of buyers comes first and that a product may be sold "
            "only when it meets the safety rules of the marketplace and its documents prove it."
        ),
        root_cause=(
            "[[explain the root cause: what the safety concern is, what we found when we checked "
            "the product, and why the problem was not caught before it was listed]]",
        ),
        actions=(
            "[[stopped sales and checked all remaining stock: result]]",
            "[[informed buyers of the affected units and offered a refund: how many]]",
            "[[asked the manufacturer for test reports and corrective action: answer]]",
        ),
        documents=(
            "[[test report (standard, laboratory, date), declaration of conformity, photos of the "
            "product label and warnings]]",
        ),
        preventive=(
            "[[no product is listed until its safety documents are on file and uploaded: who "
            "checks]]",
        ),
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "product_compliance": Template(
        subject="a request for product compliance information",
        understanding=(
            "I understand that every product must meet the legal requirements of the marketplace "
            "it is sold in, and that the compliance information must be available on request."
        ),
        root_cause=(
            "[[explain the root cause: why the information was missing, e.g. documents never "
            "uploaded, the manufacturer did not provide them, the responsible person or "
            "manufacturer address not shown on the product or listing]]",
        ),
        actions=(
            "[[uploaded the documents in Manage Your Compliance: which ones, when]]",
            "[[added the required marking, manufacturer and responsible person details to the "
            "product, packaging and listing]]",
        ),
        documents=(
            "[[declaration of conformity, test reports, safety information and label images with "
            "the required marking]]",
        ),
        preventive=(
            "[[no product is listed until its compliance documents are uploaded: who checks]]",
            "[[we review compliance rules of each marketplace when they change: how we hear of "
            "them]]",
        ),
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "restricted_product": Template(
        subject="a product listed against the restricted products policy",
        understanding=(
            "I understand that some products may not be sold on Amazon at all, and others only "
            "with approval, and that it is my duty to check this before listing."
        ),
        root_cause=(
            "[[explain the root cause: why we listed the product without knowing it is "
            "restricted, e.g. we did not know it contains a regulated ingredient, battery type or "
            "substance (which), or we did not request approval for the category]]",
        ),
        actions=(
            "[[deleted the listing and removed or disposed of remaining stock: when]]",
            "[[requested approval, or supplied the safety data sheet, if the product may be sold "
            "with approval]]",
        ),
        documents=(),
        preventive=(
            "[[every new product is checked against Amazon's Restricted Products pages for its "
            "category before listing: by whom]]",
        ),
        ask="I kindly ask you to close this case.",
    ),
    "listing_policy": Template(
        subject="a listing that broke Amazon's listing policies",
        understanding=(
            "I understand that a detail page must describe exactly one product accurately, with "
            "variations only for real versions of the same item, so buyers find what they expect."
        ),
        root_cause=(
            "[[explain the root cause: what in the listing broke the policy (title, variations, "
            "images, keywords, category, detail page content) and why it happened]]",
        ),
        actions=(
            "[[corrected the listing: what it said before and what it says now]]",
            "[[reviewed all our other listings for the same problem: how many corrected]]",
        ),
        documents=(),
        preventive=(
            "[[every new or changed listing is checked against the style guide and listing "
            "policies before it goes live: by whom]]",
        ),
        ask="I kindly ask you to reinstate the affected listings.",
    ),
    "pricing_policy": Template(
        subject="a price flagged under the Fair Pricing Policy",
        understanding=(
            "I understand that Amazon's Fair Pricing Policy does not allow prices or shipping "
            "charges significantly higher than recent prices on or off Amazon."
        ),
        root_cause=(
            "[[explain the root cause: why the price or shipping charge was too high, e.g. a "
            "repricing rule without a maximum, a stock shortage, a typing error]]",
        ),
        actions=(
            "[[corrected the price and shipping charge: old and new values]]",
            "[[set minimum and maximum prices in the repricing tool for every listing]]",
        ),
        documents=(),
        preventive=(
            "[[a weekly check of prices against the maximum set for each product: by whom]]",
        ),
        ask="I kindly ask you to reinstate the affected offers.",
    ),
    "review_manipulation": Template(
        subject="customer reviews on my listings",
        understanding=(
            "I understand that reviews must be honest and unbiased, that I may not offer anything "
            "in exchange for a review, nor ask for positive reviews only, nor review my own or a "
            "competitor's products."
        ),
        root_cause=(
            "[[explain the root cause: how reviews came to be requested against the policy, e.g. "
            "package inserts offering a gift, a review service, friends or family reviewing]]",
        ),
        actions=(
            "[[stopped the practice: e.g. removed inserts from all stock, ended the contract with "
            "the service, when]]",
        ),
        documents=(),
        preventive=(
            "[[reviews are requested only through Amazon's Request a Review button]]",
            "[[every package insert and buyer message template is checked against the policy "
            "before use: by whom]]",
        ),
        ask="I kindly ask you to close this case.",
    ),
    "a_to_z_claim": Template(
        subject="an A-to-z Guarantee claim",
        understanding=(
            "I understand that the A-to-z Guarantee protects buyers who do not receive an item, "
            "or receive one that is not as described, and that I must resolve such cases quickly."
        ),
        root_cause=(
            "[[explain what happened with the order: dispatch date, carrier, tracking status, "
            "what the buyer reported and how we answered]]",
        ),
        actions=(
            "[[refunded, replaced or sent tracking and proof of delivery to the buyer: when]]",
        ),
        documents=("[[tracking details, proof of delivery, photos of the item as sent]]",),
        preventive=(
            "[[buyer messages are answered within 24 hours: by whom]]",
            "[[parcels above a set value (which) go with signature on delivery]]",
        ),
        ownership="I have reviewed the order in detail; the facts are set out below.",
        ask="I kindly ask you to review the claim with these facts.",
    ),
    "chargeback": Template(
        subject="a chargeback",
        understanding=(
            "I understand that a chargeback is a buyer's dispute with their card issuer, and that "
            "I must provide the transaction and delivery details promptly."
        ),
        root_cause=(
            "[[explain what happened: the reason the card issuer gave (unauthorised, not "
            "received, not as described), and the facts of the order and delivery]]",
        ),
        actions=("[[submitted the order, tracking and delivery details, or refunded: when]]",),
        documents=("[[invoice, tracking details, proof of delivery]]",),
        preventive=("[[high-value orders go with signature on delivery]]",),
        ownership="I have reviewed the order in detail; the facts are set out below.",
        ask="I kindly ask you to represent the transaction with these facts.",
    ),
    "negative_feedback": Template(
        subject="negative feedback from a buyer",
        understanding=(
            "I understand that feedback reflects the buyer's whole experience with my shop, and "
            "that negative feedback counts towards my Order Defect Rate."
        ),
        root_cause=("[[explain what went wrong for the buyer, in their words and ours]]",),
        actions=(
            "[[contacted the buyer, solved the problem (refund, replacement) and, only then, "
            "politely asked whether they wish to update their feedback]]",
        ),
        documents=(),
        preventive=("[[what changes so the same problem does not reach another buyer]]",),
        ask="",
    ),
    "related_account": Template(
        subject="the deactivation of my account as related to another account",
        understanding=(
            "I understand that Amazon deactivates accounts related to accounts that may not sell, "
            "and that I must explain every link between my account and others."
        ),
        root_cause=(
            "[[explain the relationship: which account Amazon means, if you know it; who owns it; "
            "and what connects it to yours (a shared person, address, bank account, credit card, "
            "device or internet connection, or a former employee, accountant or family "
            "member)]]",
        ),
        actions=(
            "[[if the other account is yours: why you may hold it (approval reference), or that "
            "you closed it]]",
            "[[if it is not yours: how the connection arose and that it is gone, e.g. new "
            "network, separate devices, a former employee's access removed]]",
        ),
        documents=(
            "[[business registration, a utility bill and a bank statement in the business's name]]",
        ),
        preventive=(
            "[[only this account is operated from our premises and devices; access is limited "
            "to named people]]",
        ),
        ownership="I have investigated every possible connection; the facts are set out below.",
        ask="I kindly ask you to reinstate my selling account.",
    ),
    "verification_required": Template(
        subject="the verification of my selling account",
        understanding=(
            "I understand that Amazon must verify the identity and business of every seller, and "
            "that the information on my account must match my documents exactly."
        ),
        root_cause=(
            "[[explain what did not match or was missing: e.g. the business address differs from "
            "the utility bill, a document had expired, the phone number could not be reached]]",
        ),
        actions=("[[corrected the account information and uploaded the documents: when]]",),
        documents=(
            "[[identity document, business registration, a recent utility or bank statement]]",
        ),
        preventive=(
            "[[we update the account information within a day of any change in our business "
            "details]]",
        ),
        ask="I kindly ask you to complete the verification of my account.",
    ),
}

_GENERIC = Template(
    subject="my selling account",
    understanding=(
        "I understand that Amazon expects sellers to meet its policies and buyers' expectations "
        "at all times, and that this notice shows I did not."
    ),
    root_cause=(
        "[[explain the root cause: what led to the notice, in your own words, with the orders, "
        "ASINs or dates it names]]",
    ),
    actions=("[[what you have changed since, each with its date]]",),
    documents=(),
    preventive=("[[what you do from now on so it cannot happen again, and who is responsible]]",),
    ask="I kindly ask you to reinstate my selling account.",
)
TEMPLATES["account_suspended"] = _GENERIC
TEMPLATES["account_at_risk"] = replace(
    _GENERIC,
    understanding=(
        "I understand that my Account Health Rating shows my account at risk, and that every "
        "policy violation and every missed target counts against it."
    ),
    ask="I will keep my account in good standing from now on.",
)
# A notice notifyd could not read: the seller's own words must carry the whole plan.
TEMPLATES["other"] = replace(
    _GENERIC,
    subject="my selling account",
    understanding=("I have read the notice carefully and want to resolve the matter completely."),
    ownership="The facts and what I have done are set out below.",
    ask="[[what you ask Amazon to do, e.g. reinstate the listings, close the case]]",
)


def _day(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%d %B %Y").lstrip("0")


def _listing(asins: list[str]) -> str:
    if not asins:
        return ""
    if len(asins) == 1:
        return f"ASIN {asins[0]}"
    return "ASINs " + ", ".join(asins[:-1]) + f" and {asins[-1]}"


def _metric_facts(metrics: dict[str, float], sentence: bool = False) -> list[str]:
    """'Order Defect Rate 2.4% (target under 1%)', or as a clause: '... is 2.4%, against ...'."""
    out = []
    for key, value in metrics.items():
        target, op, label = METRIC_TARGETS.get(key, (0.0, "", key.replace("_", " ")))
        unit = "" if key == "account_health_rating" else "%"
        word = "under" if op == "<" else "at least"
        if sentence:
            goal = f", against a target of {word} {target:g}{unit}" if op else ""
            out.append(f"my {label} is {value:g}{unit}{goal}")
        elif op:
            out.append(f"{label} {value:g}{unit} (target {word} {target:g}{unit})")
        else:
            out.append(f"{label} {value:g}{unit}")
    return out


def _bullets(items: list[str]) -> list[str]:
    return [f"- {item}" for item in items]


def render_draft(
    notice: Notice, events: list[Event], now: datetime, tz: tzinfo
) -> str:
    """The Markdown draft: a box for the seller, then the four parts of the plan of action."""
    number = notice.id
    if notice.is_phishing:
        raise NothingToAnswer(
            f"notice {number} is suspected phishing, not from Amazon: do not reply to it; "
            "check Account Health in Seller Central instead"
        )
    issue = notice.issue_type or "other"
    if issue == "account_reinstated":
        raise NothingToAnswer(f"notice {number} says the account was reinstated; nothing to answer")
    template = TEMPLATES.get(issue, _GENERIC)
    # Under review or at risk is not (yet) deactivated; saying so would admit too much.
    deactivated = (
        notice.category == "account_status"
        and notice.severity == "critical"
        and issue not in ("verification_required", "account_at_risk")
    )
    marketplace = notice.marketplace
    asins = list(notice.asins or [])
    metrics = _metric_facts(notice.metrics or {})
    received = notice.sent_at
    deadline = notice.deadline_at
    subject = printable(notice.subject or "")
    actions = [e for e in events if e.kind == "action"]

    where = f" on {marketplace}" if marketplace else ""
    lines = [f"# Plan of action: {issue_label(notice)}{where}", ""]
    box = [
        f"notifyd draft for notice #{number}, written {now.astimezone(tz):%d %b %Y %H:%M %Z}. "
        "Replace every [[...]] with your own words and facts, delete what does not apply, then "
        "delete this box. A plan that reads like a template is usually rejected.",
        "",
        f'Notice: #{number}, "{subject}"'
        + (f", received {received.astimezone(tz):%a %d %b %Y %H:%M %Z}" if received else ""),
    ]
    if marketplace:
        box.append(f"Marketplace: {marketplace}")
    if asins:
        box.append(f"ASINs: {', '.join(asins)}")
    if notice.order_ids:
        box.append(f"Orders: {', '.join(printable(o) for o in notice.order_ids)}")
    box += [f"Metric: {m}" for m in metrics]
    box.append(
        f"Deadline: {deadline_phrase(deadline, now, tz)}"
        if deadline
        else "Deadline: none stated in the notice; answer as soon as you can"
    )
    box.append(f"Submit in Seller Central, Account Health: {account_health_url(marketplace)}")
    lines += [f"> {line}".rstrip() for line in box]
    lines += ["", "Dear Seller Performance Team,", ""]

    # 1. Acknowledgement: the facts of the notice, and that the seller understood the rule.
    lines += ["## 1. Acknowledgement", ""]
    opening = "Thank you for your notice"
    if received:
        opening += f" of {_day(received, tz)}"
    opening += f" about {template.subject}"
    if asins:
        opening += f", concerning {_listing(asins)}"
    if notice.order_ids and issue in ("a_to_z_claim", "chargeback", "negative_feedback"):
        opening += f" (order {', '.join(printable(o) for o in notice.order_ids)})"
    opening += f"{where}."
    if deactivated and "deactivation" not in template.subject:
        opening += " I understand that my selling account has been deactivated as a result."
    if metrics:
        clauses = _metric_facts(notice.metrics or {}, sentence=True)
        opening += " As the notice says, " + "; ".join(clauses) + "."
    lines += [opening, "", f"{template.understanding} {template.ownership}", ""]

    lines += ["## 2. Root cause", ""]
    lines += [*_bullets(list(template.root_cause)), ""]

    lines += ["## 3. Corrective actions taken", ""]
    if actions:
        lines += _bullets(
            [f"{_day(e.at, tz)}: {printable(e.text or '')}" for e in actions]
        )
    # Suggestions stay after recorded actions: one recorded step is rarely the whole plan.
    lines += _bullets(list(template.actions))
    if not actions:
        lines.append(
            f'- [[record each action with `notifyd action {number} "..."` and it is listed '
            "here with its date]]"
        )
    if template.documents:
        lines += ["", "Documents attached:", "", *_bullets(list(template.documents))]
    lines.append("")

    lines += ["## 4. Preventive measures and commitment", ""]
    lines += [*_bullets(list(template.preventive)), ""]
    commitment = (
        "I am committed to meeting Amazon's policies and my buyers' expectations, and "
        "[[name the person responsible for account health]] reviews Account Health "
        "[[how often]]."
    )
    ask = template.ask
    if deactivated:
        ask = "I kindly ask you to reinstate my selling privileges."
    lines += [commitment + (f" {ask}" if ask else ""), ""]
    lines += [
        "Kind regards,",
        "",
        "[[your name]], [[business name]]",
        "[[merchant token or seller ID]]",
        "",
    ]
    return "\n".join(lines)
